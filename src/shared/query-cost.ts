import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLID,
  GraphQLInputType,
  GraphQLList,
  GraphQLSchema,
  isCompositeType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isUnionType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  valueFromAST,
} from 'graphql';
import { BadInputError, FieldProblem } from '../errors';

/** Assumed length of lists that take no `first` argument (e.g. a platform's qualifications). */
const UNPAGED_LIST_SIZE = 10;

/**
 * Cost ceilings per caller tier, and one for introspection (`__schema`, `__type`), which every caller
 * shares: it fits one standard IDE introspection query (about 12,500 here), not two, nor deep recursion.
 */
export const COST_LIMITS = { public: 1000, member: 10000, introspection: 20000 };

/**
 * Field extension (`@Extensions({ [LIST_ITEM_COST]: 0.1 })`): what one item of a paged field's list costs,
 * when it is cheaper than a record of other lists (1). The page costs `first` times it, rounded up.
 */
export const LIST_ITEM_COST = 'listItemCost';

/** Longest list any argument may hold (at any depth of an input); fields may set lower limits. */
export const MAX_ARGUMENT_LIST_LENGTH = 400;

/** What the plugin reads of the request context: whether the caller is anonymous. */
interface CostContext {
  viewer: { kind: string };
}

/**
 * List-aware cost: every object the query may return costs 1. A field taking `first` returns up to
 * `first` objects (its edges/nodes lists are that page); other lists count as UNPAGED_LIST_SIZE.
 * So `platforms(first: 100) { nodes { qualifications { id } } }` costs 100 * (1 + 1 * (1 + 10 * 1)).
 * A field may declare its items cheaper (LIST_ITEM_COST). Runs after variables are known, so `first: $n`
 * counts at its real value. The operation's name plays no part: introspection is costed like data, against
 * its own ceiling. Argument lists are bounded here too, before any resolver coerces or validates them.
 */
export function queryCostPlugin(): ApolloServerPlugin<CostContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (operation) checkOperationCost(operation, document, schema, request.variables ?? {}, contextValue.viewer.kind === 'public');
        },
      };
    },
  };
}

/**
 * Refuses an operation over its tier's cost ceiling (QUERY_TOO_COSTLY) or with an argument list over
 * MAX_ARGUMENT_LIST_LENGTH (BAD_USER_INPUT): the check of every HTTP request, and of every subscription.
 */
export function checkOperationCost(operation: OperationDefinitionNode, document: DocumentNode, schema: GraphQLSchema, variables: Record<string, unknown>, isPublic: boolean): void {
  const walk: Walk = {
    schema,
    fragments: new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d])),
    variables,
    listProblems: [],
  };
  const cost = operationCost(operation, walk);
  // refused before execution, like a variable of the wrong type: 400, not the 500 Apollo gives an unmarked error here
  if (walk.listProblems.length) throw new BadInputError(walk.listProblems, { http: { status: 400 } });
  refuseOver(cost.data, isPublic ? COST_LIMITS.public : COST_LIMITS.member);
  refuseOver(cost.introspection, COST_LIMITS.introspection);
}

/** The data and introspection costs of an operation; list-argument problems are collected in `walk`. */
export function operationCost(operation: OperationDefinitionNode, walk: Walk): { data: number; introspection: number } {
  const root =
    operation.operation === 'mutation'
      ? walk.schema.getMutationType()
      : operation.operation === 'subscription'
        ? walk.schema.getSubscriptionType()
        : walk.schema.getQueryType();
  if (!root) return { data: 0, introspection: 0 };
  let data = 0;
  let introspection = 0;
  for (const [node, parent] of fieldsOf(operation.selectionSet, root, walk)) {
    const cost = fieldCost(node, parent, walk, false);
    if (node.name.value === '__schema' || node.name.value === '__type') introspection += cost;
    else data += cost;
  }
  return { data, introspection };
}

function refuseOver(cost: number, limit: number): void {
  if (cost <= limit) return;
  throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${limit}. Ask for smaller pages or fewer nested lists.`, {
    extensions: { code: 'QUERY_TOO_COSTLY', cost, limit, http: { status: 400 } },
  });
}

/** What a cost walk needs: the schema, the document's fragments, the variables, and where to note long lists. */
export interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  listProblems: FieldProblem[];
}

/**
 * The field nodes of a selection set, with their parent type, fragments expanded. Under a union or an
 * interface every type's fragment counts, as if one object were all of them: an upper bound.
 */
function* fieldsOf(set: SelectionSetNode, parent: GraphQLCompositeType, walk: Walk): Generator<[FieldNode, GraphQLCompositeType]> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      yield [selection, parent];
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
    if (!fragment) continue;
    const typeName = fragment.typeCondition?.name.value;
    const type = typeName ? walk.schema.getType(typeName) : parent;
    if (isCompositeType(type)) yield* fieldsOf(fragment.selectionSet, type, walk);
  }
}

/** `paged`: the parent took `first`, so its own lists (edges, nodes) are that page, not a new multiplier. */
function selectionCost(set: SelectionSetNode, parent: GraphQLCompositeType, walk: Walk, paged: boolean): number {
  let total = 0;
  for (const [node, type] of fieldsOf(set, parent, walk)) total += fieldCost(node, type, walk, paged);
  return total;
}

function fieldCost(node: FieldNode, parent: GraphQLCompositeType, walk: Walk, paged: boolean): number {
  const field = fieldDefinition(walk.schema, parent, node.name.value);
  if (!field) return 0;
  checkListArguments(node, field.args, walk);
  const named = getNamedType(field.type);
  if (!node.selectionSet || !isCompositeType(named)) return 0;
  const page = pageSize(node, walk);
  const inner = selectionCost(node.selectionSet, named, walk, page !== null);
  const isList = getNullableType(field.type) instanceof GraphQLList;
  const times = page !== null ? Math.ceil(page * itemCost(field.extensions)) : (idCount(node, walk) ?? (isList && !paged ? UNPAGED_LIST_SIZE : 1));
  return times * (1 + inner);
}

function itemCost(extensions: Readonly<Record<string, unknown>>): number {
  const cost = extensions[LIST_ITEM_COST];
  return typeof cost === 'number' ? cost : 1;
}

/** A field's definition, including the meta fields `__schema` and `__type` that `getFields()` omits. */
function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string) {
  const atRoot = parent === schema.getQueryType();
  if (name === '__schema') return atRoot ? SchemaMetaFieldDef : undefined;
  if (name === '__type') return atRoot ? TypeMetaFieldDef : undefined;
  return isUnionType(parent) ? undefined : parent.getFields()[name];
}

/** Notes every list longer than MAX_ARGUMENT_LIST_LENGTH in the field's arguments, with its path. */
function checkListArguments(node: FieldNode, args: readonly { name: string; type: GraphQLInputType }[], walk: Walk): void {
  for (const argNode of node.arguments ?? []) {
    const arg = args.find((a) => a.name === argNode.name.value);
    if (!arg) continue;
    const value = valueFromAST(argNode.value, arg.type, walk.variables);
    checkListValue(value, arg.type, arg.name, walk.listProblems);
  }
}

function checkListValue(value: unknown, type: GraphQLInputType, path: string, problems: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner) && Array.isArray(value)) {
    if (value.length > MAX_ARGUMENT_LIST_LENGTH) {
      problems.push({ path, message: `holds ${value.length} items; at most ${MAX_ARGUMENT_LIST_LENGTH} are accepted` });
      return;
    }
    value.forEach((item, index) => checkListValue(item, inner.ofType, `${path}.${index}`, problems));
  } else if (isInputObjectType(inner) && typeof value === 'object') {
    for (const [name, field] of Object.entries(inner.getFields())) {
      checkListValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, problems);
    }
  }
}

/** The page size asked (`first` or `last`), 100 when it cannot be read, null when the field is given neither. */
function pageSize(node: FieldNode, walk: Walk): number | null {
  const args = node.arguments?.filter((a) => a.name.value === 'first' || a.name.value === 'last') ?? [];
  if (!args.length) return null;
  // the size given (first, or last with first null or absent); 100 when neither holds one
  const sizes = args.map((arg) => (arg.value.kind === Kind.VARIABLE ? walk.variables[arg.value.name.value] : arg.value.kind === Kind.INT ? Number(arg.value.value) : undefined));
  const size = sizes.find((value) => typeof value === 'number' && value > 0);
  return typeof size === 'number' ? size : 100;
}

/** How many ids an `ids` list argument holds (`nodes(ids:)` returns one record each), null without one. */
function idCount(node: FieldNode, walk: Walk): number | null {
  const arg = node.arguments?.find((a) => a.name.value === 'ids');
  if (!arg) return null;
  const value = valueFromAST(arg.value, new GraphQLList(GraphQLID), walk.variables);
  return Array.isArray(value) ? value.length : MAX_ARGUMENT_LIST_LENGTH;
}
