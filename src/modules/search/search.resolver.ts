import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { NotFoundError } from '../../errors';
import { Flag } from '../flags/flag.entity';
import { Platform } from '../platforms/platform.entity';
import { Rule } from '../rules/rule.entity';
import { SearchKind } from './search.enums';
import { SearchTermsArgs } from './search.inputs';
import { PageArgs } from '../../shared/pagination';
import { searchFacets, searchPage } from './search.queries';
import { SearchConnection, SearchFacets, SearchHit, SearchResult } from './search.types';

/** Public search over platforms, rules and flags (issue 9): what anyone may read, found by fragments of its text. */
@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => SearchConnection, {
    description: 'Platforms, rules and flags whose text holds the query or resembles it (pg_trgm trigrams, Chinese included), best first, with facet counts.',
  })
  search(@Args() page: PageArgs, @Args() terms: SearchTermsArgs, @Ctx() { em }: Context): Promise<SearchConnection> {
    return searchPage(em, { ...terms, ...page });
  }

  @Query(() => SearchFacets, {
    description: "The total and the facet counts of a search: per value of each filter, the hits it would keep under the other filters given (each facet ignores its own filter).",
  })
  searchFacets(@Args() terms: SearchTermsArgs, @Ctx() { em }: Context): Promise<SearchFacets> {
    return searchFacets(em, terms);
  }

  @FieldResolver(() => SearchResult, { description: 'The platform, rule or flag.' })
  async node(@Root() hit: SearchHit, @Ctx() { loaders }: Context): Promise<Platform | Rule | Flag> {
    const loader = { [SearchKind.PLATFORM]: loaders.platform, [SearchKind.RULE]: loaders.rule, [SearchKind.FLAG]: loaders.flag }[hit.kind];
    const node = await loader.load(hit.id);
    if (!node) throw new NotFoundError(hit.kind, hit.id);
    return node;
  }
}
