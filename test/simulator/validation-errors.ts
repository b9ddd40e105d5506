import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError } from 'graphql';

// Shopify (graphql-ruby) words validation errors differently from graphql-js and adds a code. The app
// and its tests match on `extensions.code`, so the common cases are translated; others keep the
// graphql-js message with code "validationError".

export interface ShopifyGraphqlError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions?: Record<string, unknown>;
}

/** Shopify's error path for a validation error: ["query Name", "field", "subfield"]. */
function pathTo(document: DocumentNode, target: ASTNode): string[] | undefined {
  let found: string[] | undefined;
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (node !== target || found) return;
      const chain = [...ancestors, node].filter((a): a is ASTNode => !Array.isArray(a) && typeof a === 'object' && a !== null && 'kind' in a);
      found = chain.flatMap((a) => {
        if (a.kind === Kind.OPERATION_DEFINITION) return [`${a.operation}${a.name ? ` ${a.name.value}` : ''}`];
        if (a.kind === Kind.FIELD) return [a.name.value];
        return [];
      });
    },
  });
  return found;
}

export function toShopifyValidationError(error: GraphQLError, document: DocumentNode): ShopifyGraphqlError {
  const base = {
    locations: error.locations ? [...error.locations] : undefined,
    path: error.nodes?.[0] ? pathTo(document, error.nodes[0]) : undefined,
  };
  let match = /^Cannot query field "([^"]+)" on type "([^"]+)"/.exec(error.message);
  if (match) {
    return {
      message: `Field '${match[1]}' doesn't exist on type '${match[2]}'`,
      ...base,
      extensions: { code: 'undefinedField', typeName: match[2], fieldName: match[1] },
    };
  }
  match = /^Unknown argument "([^"]+)" on field "([^".]+)\.([^"]+)"/.exec(error.message);
  if (match) {
    return {
      message: `Field '${match[3]}' doesn't accept argument '${match[1]}'`,
      ...base,
      extensions: { code: 'argumentNotAccepted', name: match[3], typeName: 'Field', argumentName: match[1] },
    };
  }
  match = /^Field "([^"]+)" argument "([^"]+)" of type "[^"]+" is required/.exec(error.message);
  if (match) {
    return {
      message: `Field '${match[1]}' is missing required arguments: ${match[2]}`,
      ...base,
      extensions: { code: 'missingRequiredArguments', className: 'Field', name: match[1], arguments: match[2] },
    };
  }
  match = /^Field "([^"]+)" of type "([^"]+)" must have a selection of subfields/.exec(error.message);
  if (match) {
    const typeName = (match[2] ?? '').replace(/[![\]]/g, '');
    return {
      message: `Field must have selections (field '${match[1]}' returns ${typeName} but has no selections. Did you mean '${match[1]} { ... }'?)`,
      ...base,
      extensions: { code: 'selectionMismatch', nodeName: `field '${match[1]}'`, typeName },
    };
  }
  match = /^Unknown type "([^"]+)"/.exec(error.message);
  if (match) {
    return { message: `No such type ${match[1]}, so it can't be a fragment condition`, ...base, extensions: { code: 'undefinedType', typeName: match[1] } };
  }
  match = /^Variable "\$([^"]+)" is never used/.exec(error.message);
  if (match) {
    return { message: `Variable $${match[1]} is declared by ${base.path?.[0] ?? 'anonymous'} but not used`, ...base, extensions: { code: 'variableNotUsed', variableName: match[1] } };
  }
  return { message: error.message, ...base, extensions: { code: 'validationError' } };
}
