import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { RegistryStatus } from '../platforms/platform.enums';
import { RuleCategory, Severity } from '../rules/rule.enums';
import { SearchKind } from './search.enums';

/**
 * Search filters: all given conditions must hold; a list means any of its values. The platform filters
 * (registry status, authority, custody bank) keep platforms and flags whose platform matches, so rules
 * drop out when one is set. The open-flag filters keep hits with an open flag of that severity and
 * category: a platform's own flags, the flags a rule raised, a flag itself.
 */
@InputType({ description: 'All given conditions must hold; a list means any of its values. Platform conditions keep platforms and the flags of matching platforms (rules have no platform).' })
export class SearchFilter {
  @Field(() => [SearchKind], { nullable: true, description: 'Only hits of these kinds.' })
  kinds?: SearchKind[];

  @Field(() => [RegistryStatus], { nullable: true, description: "The platform's registry status." })
  registryStatus?: RegistryStatus[];

  @Field(() => [String], { nullable: true, description: "Exact name of the platform's local financial regulator (see the `authority` facet)." })
  authority?: string[];

  @Field(() => [String], { nullable: true, description: "Exact name of the platform's custody bank (see the `custodyBank` facet)." })
  custodyBank?: string[];

  @Field(() => [Severity], { nullable: true, description: 'Hits with an open flag of one of these severities (with `openFlagCategory`: the same flag).' })
  openFlagSeverity?: Severity[];

  @Field(() => [RuleCategory], { nullable: true, description: 'Hits with an open flag of one of these categories (with `openFlagSeverity`: the same flag).' })
  openFlagCategory?: RuleCategory[];
}

/** What to search for: the arguments of `searchFacets`, and of `search` beside its page arguments. */
@ArgsType()
export class SearchTermsArgs {
  @Field({ description: 'Text to find: a fragment of a name (Chinese or not), a USCC, a website, a rule code or words of a rule. Case and full-width forms are ignored.' })
  query!: string;

  @Field(() => SearchFilter, { nullable: true, description: 'Conditions on the hits; facet counts show how many hits each value would keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: SearchFilter | null;
}
