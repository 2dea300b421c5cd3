import { createUnionType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../shared/pagination';
import { Flag } from '../flags/flag.entity';
import { Platform } from '../platforms/platform.entity';
import { Rule } from '../rules/rule.entity';
import { SearchField, SearchKind } from './search.enums';

/** The entity a search hit stands for. Platforms are plain rows (see platform.rows.ts), so the type is told by its fields. */
export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'A platform, a rule or a flag.',
  types: () => [Platform, Rule, Flag] as const,
  resolveType: (value) => ('uscc' in value ? Platform : 'code' in value ? Rule : Flag),
});

/** One hit: which entity, how well it matched, and on which field. */
@ObjectType({ description: 'A search hit: the entity, the field of it that matched the query best, and the score.' })
export class SearchHit {
  @Field(() => SearchKind, { description: 'What the hit is.' })
  kind!: SearchKind;

  @Field(() => ID, { description: 'The id of the platform, rule or flag.' })
  id!: string;

  @Field(() => Float, {
    description: "How well the best field matched: 1 + the field's trigram similarity (0-1] when it holds the query, else its word similarity (0.6-1). Higher first.",
  })
  score!: number;

  @Field(() => SearchField, { description: 'The field that matched best.' })
  matchedField!: SearchField;

  @Field({ description: "That field's text (for a flag, its rule's code or title, or its platform's legal name)." })
  matchedText!: string;
}

@ObjectType({ description: 'A search hit and the cursor after it.' })
export class SearchHitEdge {
  @Field({ description: 'Pass as `after` to read on after this hit, or as `before` to read back to it.' }) cursor!: string;
  @Field(() => SearchHit, { description: 'The hit.' }) node!: SearchHit;
}

@ObjectType({ description: 'One value of a facet and how many hits have it.' })
export class FacetCount {
  @Field({ description: 'The value, as the filter takes it (an enum name, or a name).' }) value!: string;
  @Field(() => Int, { description: 'Hits with this value, under every other filter given (not this facet’s own).' }) count!: number;
}

@ObjectType({ description: 'Counts of the hits per filter value. Each facet applies every filter but its own, so it shows what choosing another value would give.' })
export class SearchFacets {
  @Field(() => Int, { description: 'Hits matching the query and the whole filter (as `search.totalCount`).' }) total!: number;
  @Field(() => [FacetCount], { description: 'By kind of hit.' }) kinds!: FacetCount[];
  @Field(() => [FacetCount], { description: "By registry status of the hit's platform (platforms and flags)." }) registryStatus!: FacetCount[];
  @Field(() => [FacetCount], { description: "By local financial regulator of the hit's platform: the 20 commonest." }) authority!: FacetCount[];
  @Field(() => [FacetCount], { description: "By custody bank of the hit's platform: the 20 commonest." }) custodyBank!: FacetCount[];
  @Field(() => [FacetCount], { description: 'By severity of open flags: hits with at least one such open flag.' }) openFlagSeverity!: FacetCount[];
  @Field(() => [FacetCount], { description: 'By category of open flags: hits with at least one such open flag.' }) openFlagCategory!: FacetCount[];
}

@ObjectType({ description: 'Search hits, best first, one keyset page at a time either way (facet counts: `searchFacets`).' })
export class SearchConnection {
  @Field(() => [SearchHitEdge], { description: 'The hits of this page with their cursors.' }) edges!: SearchHitEdge[];
  @Field(() => [SearchHit], { description: 'The hits of this page.' }) nodes!: SearchHit[];
  @Field(() => PageInfo, { description: 'Whether more hits come before or after this page, and its first and last cursors.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Hits matching the query and the filter, across all pages.' }) totalCount!: number;
}
