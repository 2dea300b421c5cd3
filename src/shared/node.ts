import 'reflect-metadata'; // type-graphql's decorators below need it, whichever module loads this one first (e.g. a bare require of the evaluation module)
import { Field, ID, InterfaceType } from 'type-graphql';
import { BadInputError, FieldProblem } from '../errors';

/** The GraphQL type of each global id's prefix (see ids.ts): an id names its own type, so `node(id:)` needs no other hint. */
export const NODE_TYPES = {
  asn: 'Association',
  plt: 'Platform',
  psc: 'PlatformStatusChange',
  qlf: 'Qualification',
  fil: 'Filing',
  flg: 'Flag',
  rul: 'Rule',
  rlv: 'RuleVersion',
  prm: 'ParameterValue',
  cal: 'CalendarDay',
  mbr: 'Member',
  tok: 'ApiToken',
  eve: 'EvaluationError',
  fcs: 'FlagCaseStep',
  chl: 'Challenge',
} as const;

/** A prefix of a global id. */
export type NodePrefix = keyof typeof NODE_TYPES;

/** The name of a GraphQL type that implements Node. */
export type NodeTypeName = (typeof NODE_TYPES)[NodePrefix];

/** Most ids `nodes(ids:)` takes at once. */
export const MAX_NODE_IDS = 100;

// a prefix, an underscore and the random part; longer or other characters are no id the registry issues
const GLOBAL_ID = /^([a-z]{3})_([0-9a-z]{1,60})$/;

/** The prefix of a well-formed global id, or null when it is none the registry could have issued. */
export function nodePrefixOf(id: string): NodePrefix | null {
  const prefix = GLOBAL_ID.exec(id)?.[1];
  return prefix && Object.hasOwn(NODE_TYPES, prefix) ? (prefix as NodePrefix) : null;
}

/** Throws one BAD_USER_INPUT naming every malformed id (`path` for one id, `path.i` for a list). */
export function assertNodeIds(ids: readonly string[], path: string, list: boolean): void {
  const problems: FieldProblem[] = ids.flatMap((id, i) =>
    nodePrefixOf(id) ? [] : [{ path: list ? `${path}.${i}` : path, message: 'is not a global id (an `id` the registry returned, e.g. plt_0k9x2m7c4t1hq8r3ab5d)' }],
  );
  if (problems.length) throw new BadInputError(problems);
}

/**
 * Relay's Node: every record with an id, fetchable by `node(id:)` / `nodes(ids:)`. The id is the global id
 * itself (GitHub's convention): the same value every other argument takes.
 */
@InterfaceType({
  description: 'A record with a global id: fetch any of them with node(id:) or nodes(ids:).',
  resolveType: (value: { id: string }) => NODE_TYPES[nodePrefixOf(value.id) as NodePrefix],
})
export abstract class Node {
  @Field(() => ID, {
    description:
      'Global id, unique across every type: pass it to node(id:) or to any argument that takes this record. Opaque: its form may change, so never parse it.',
  })
  id!: string;
}
