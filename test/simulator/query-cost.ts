import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

// Approximation of Shopify's requested query cost, documented so tests can predict it:
// - object / interface / union field: 1; scalar and enum fields: 0;
// - money objects (MoneyV2, MoneyBag) and connection plumbing (edges, pageInfo, node wrappers): 0;
// - a connection field costs 2 plus (first ?? last ?? 1) times the cost of what it selects;
// - each top-level mutation field costs 10 (its payload is not counted again).
// actualQueryCost equals requestedQueryCost; Shopify refunds the unused part, we do not.

const FREE_TYPES = new Set(['MoneyV2', 'MoneyBag', 'PageInfo', 'Count']);

function intArgument(value: ValueNode | undefined, variables: Record<string, unknown>): number | null {
  if (!value) return null;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : null;
  }
  return null;
}

export function computeRequestedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const typeName = fragment.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (type && isCompositeType(type)) total += selectionCost(fragment.selectionSet, type);
        continue;
      }
      if (!(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const type = getNamedType(field.type);
      if (!isCompositeType(type)) continue;
      const inner = selectionCost(selection.selectionSet, type);
      if (type.name.endsWith('Connection')) {
        const first = intArgument(selection.arguments?.find((a) => a.name.value === 'first')?.value, variables);
        const last = intArgument(selection.arguments?.find((a) => a.name.value === 'last')?.value, variables);
        total += 2 + (first ?? last ?? 1) * inner;
      } else if (type.name.endsWith('Edge') || FREE_TYPES.has(type.name)) {
        total += inner;
      } else {
        total += 1 + inner;
      }
    }
    return total;
  };

  if (operation.operation === 'mutation') {
    return operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length * 10;
  }
  const root = schema.getQueryType();
  return root ? Math.max(1, selectionCost(operation.selectionSet, root)) : 1;
}
