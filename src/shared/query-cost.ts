import type { ApolloServerPlugin } from '@apollo/server';
import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  isObjectType,
  Kind,
  SelectionSetNode,
} from 'graphql';
import type { Context } from '../context';

/** Assumed length of lists that take no `first` argument (e.g. a platform's qualifications). */
const UNPAGED_LIST_SIZE = 10;

/** Cost ceilings per caller tier. */
export const COST_LIMITS = { public: 1000, member: 10000 };

/**
 * List-aware cost: every object the query may return costs 1. A field taking `first` returns up to
 * `first` objects (its edges/nodes lists are that page); other lists count as UNPAGED_LIST_SIZE.
 * So `platforms(first: 100) { nodes { qualifications { id } } }` costs 100 * (1 + 1 * (1 + 10 * 1)).
 * Runs after variables are known, so `first: $n` counts at its real value.
 */
export function queryCostPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (!operation || operation.name?.value === 'IntrospectionQuery') return;
          const fragments = new Map(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
          if (!root) return;
          const cost = selectionCost(operation.selectionSet, root, { schema, fragments, variables: request.variables ?? {} });
          const limit = contextValue.viewer.kind === 'public' ? COST_LIMITS.public : COST_LIMITS.member;
          if (cost > limit) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${limit}. Ask for smaller pages or fewer nested lists.`, {
              extensions: { code: 'QUERY_TOO_COSTLY', cost, limit, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** `paged`: the parent took `first`, so its own lists (edges, nodes) are that page, not a new multiplier. */
function selectionCost(set: SelectionSetNode, parent: GraphQLObjectType, walk: Walk, paged = false): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) total += fieldCost(selection, parent, walk, paged);
    else {
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments.get(selection.name.value) : selection;
      if (!fragment) continue;
      const typeName = fragment.typeCondition?.name.value;
      const type = typeName ? walk.schema.getType(typeName) : parent;
      if (isObjectType(type)) total += selectionCost(fragment.selectionSet, type, walk, paged);
    }
  }
  return total;
}

function fieldCost(node: FieldNode, parent: GraphQLObjectType, walk: Walk, paged: boolean): number {
  const field = parent.getFields()[node.name.value];
  if (!field || !node.selectionSet) return 0;
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return 0;
  const first = pageSize(node, walk);
  const inner = selectionCost(node.selectionSet, named, walk, first !== null);
  const isList = getNullableType(field.type) instanceof GraphQLList;
  const times = first ?? (isList && !paged ? UNPAGED_LIST_SIZE : 1);
  return times * (1 + inner);
}

/** The `first` argument's value, 100 when it cannot be read, null when the field takes none. */
function pageSize(node: FieldNode, walk: Walk): number | null {
  const first = node.arguments?.find((a) => a.name.value === 'first');
  if (!first) return null;
  const value =
    first.value.kind === Kind.VARIABLE ? walk.variables[first.value.name.value] : first.value.kind === Kind.INT ? Number(first.value.value) : undefined;
  return typeof value === 'number' && value > 0 ? value : 100;
}
