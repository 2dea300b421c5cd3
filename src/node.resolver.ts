import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context';
import { badInput } from './errors';
import { managesMemberOf, sameOrganisation } from './modules/accounts/account.policy';
import { seesEvaluationErrors } from './modules/platforms/platform.policy';
import { visibleFlag } from './modules/flags/flag.visibility';
import { visibleRule, visibleRuleVersion } from './modules/rules/rule.visibility';
import { assertNodeIds, MAX_NODE_IDS, Node, NodePrefix, nodePrefixOf } from './shared/node';

/** A well-formed id's record as the viewer may see it, or null: each type's own visibility rules, through the request's loaders. */
const FETCH: Record<NodePrefix, (context: Context, id: string) => Promise<Node | null>> = {
  asn: ({ loaders }, id) => loaders.association.load(id),
  plt: ({ loaders }, id) => loaders.platform.load(id),
  psc: ({ loaders }, id) => loaders.statusChange.load(id),
  qlf: ({ loaders }, id) => loaders.qualification.load(id),
  fil: ({ loaders }, id) => loaders.filing.load(id),
  flg: async (context, id) => visibleFlag(context, await context.loaders.flag.load(id)),
  prm: ({ loaders }, id) => loaders.parameterValue.load(id),
  cal: ({ loaders }, id) => loaders.calendarDay.load(id),
  // a step of a flag held for review is seen by whoever sees the flag
  fcs: async (context, id) => {
    const step = await context.loaders.flagCaseStep.load(id);
    return step && (await visibleFlag(context, await context.loaders.flag.load(step.flag.id))) ? step : null;
  },
  // public like `challenges`; the challenger's contact stays private through Challenge.contact's own resolver
  chl: ({ loaders }, id) => loaders.challenge.load(id),
  rul: visibleRule,
  rlv: visibleRuleVersion,
  mbr: async ({ loaders, viewer }, id) => {
    if (viewer.kind === 'public') return null;
    const member = await loaders.member.load(id);
    return member && sameOrganisation(viewer, member) ? member : null;
  },
  tok: async ({ loaders, viewer }, id) => {
    if (viewer.kind === 'public') return null;
    const token = await loaders.apiToken.load(id);
    const member = token && (await loaders.member.load(token.member.id));
    return member && managesMemberOf(viewer, member) ? token : null;
  },
  eve: async ({ loaders, viewer }, id) => {
    if (viewer.kind === 'public') return null;
    const error = await loaders.evaluationError.load(id);
    const filing = error && (await loaders.filing.load(error.filing.id));
    const platform = filing && (await loaders.platform.load(filing.platform.id));
    return platform && seesEvaluationErrors(viewer, platform) ? error : null;
  },
};

const fetchNode = (context: Context, id: string) => FETCH[nodePrefixOf(id) as NodePrefix](context, id);

/** Relay's `node(id:)` and GitHub's `nodes(ids:)`: any record by its global id, batched per type through the request's DataLoaders. */
@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any record by its global id; null when there is none or you may not see it (e.g. a draft of another rulebook).',
  })
  node(@Arg('id', () => ID, { description: 'A global id, as any `id` field returns it.' }) id: string, @Ctx() context: Context): Promise<Node | null> {
    assertNodeIds([id], 'id', false);
    return fetchNode(context, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Records by global id, in the order asked, null for each one there is none of or you may not see; at most ${MAX_NODE_IDS} ids.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: `Global ids, 1 to ${MAX_NODE_IDS}.` }) ids: string[],
    @Ctx() context: Context,
  ): Promise<(Node | null)[]> {
    if (ids.length < 1 || ids.length > MAX_NODE_IDS) throw badInput('ids', `holds ${ids.length} ids; send 1 to ${MAX_NODE_IDS}`);
    assertNodeIds(ids, 'ids', true);
    return Promise.all(ids.map((id) => fetchNode(context, id)));
  }
}
