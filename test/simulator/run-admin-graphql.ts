import {
  defaultFieldResolver,
  execute,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
} from 'graphql';
import { toShopifyValidationError, type ShopifyGraphqlError } from './validation-errors';

// Parse -> validate -> execute against the real Admin schema, with resolvers backed by the in-memory
// shop. Split in steps because the HTTP handler must check faults and throttling between them.

export type ParsedRequest =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode; operationName: string | null; rootFields: string[] }
  | { ok: false; errors: ShopifyGraphqlError[]; operationName: string | null };

// An app sends the same few documents over and over: parse and validate each distinct one once.
// Documents are immutable, so sharing them between requests is safe.
const parsedCache = new Map<string, ParsedRequest>();
const validationCache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, ShopifyGraphqlError[]>>();
const PARSED_CACHE_LIMIT = 500;

export function parseRequest(query: string, operationName: string | null): ParsedRequest {
  const key = `${operationName ?? ''}\n${query}`;
  const cached = parsedCache.get(key);
  if (cached) return cached;
  const parsed = parseUncached(query, operationName);
  if (parsedCache.size >= PARSED_CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value!);
  parsedCache.set(key, parsed);
  return parsed;
}

function parseUncached(query: string, operationName: string | null): ParsedRequest {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const parseError = error as GraphQLError;
    return {
      ok: false,
      operationName,
      errors: [{ message: `syntax error, ${parseError.message.replace(/^Syntax Error: /, '')}`, locations: parseError.locations ? [...parseError.locations] : undefined }],
    };
  }
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) {
    return { ok: false, operationName, errors: [{ message: 'An operation name is required', extensions: { code: 'operationNameMissing' } }] };
  }
  const rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
  return { ok: true, document, operation, operationName: operation.name?.value ?? operationName, rootFields };
}

export function validateRequest(schema: GraphQLSchema, document: DocumentNode): ShopifyGraphqlError[] {
  let bySchema = validationCache.get(schema);
  if (!bySchema) validationCache.set(schema, (bySchema = new WeakMap()));
  let errors = bySchema.get(document);
  if (!errors) {
    errors = validate(schema, document).map((error) => toShopifyValidationError(error, document));
    bySchema.set(document, errors);
  }
  return errors;
}

const notImplemented = (what: string) =>
  new GraphQLError(`Simulator does not implement ${what}`, { extensions: { code: 'NOT_IMPLEMENTED' } });

/**
 * Placeholder for schema fields the state does not model: non-null scalars get a neutral value so
 * real documents selecting extra fields still run; object fields report NOT_IMPLEMENTED.
 */
function fallbackValue(info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3]): unknown {
  if (!isNonNullType(info.returnType)) return null;
  const type = getNullableType(info.returnType);
  if (isListType(type)) return [];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value ?? null;
  if (isScalarType(named)) {
    const neutral: Record<string, unknown> = {
      Boolean: false,
      Int: 0,
      Float: 0,
      UnsignedInt64: '0',
      Decimal: '0.0',
      Money: '0.0',
      DateTime: '1970-01-01T00:00:00Z',
      Date: '1970-01-01',
      JSON: {},
    };
    return named.name in neutral ? neutral[named.name] : '';
  }
  throw notImplemented(`${info.parentType.name}.${info.fieldName}`);
}

export function executeRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown> | null,
  roots: { query: Record<string, unknown>; mutation: Record<string, unknown> },
  operation: OperationDefinitionNode,
): ExecutionResult {
  const rootValue = operation.operation === 'mutation' ? roots.mutation : roots.query;
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
    if (rootTypes.has(info.parentType.name) && !(info.fieldName in rootValue)) throw notImplemented(info.fieldName);
    const value: unknown = defaultFieldResolver(source, args, context, info);
    return value === undefined ? fallbackValue(info) : value;
  };
  const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
    value && typeof value === 'object' && '__typename' in value ? String(value.__typename) : undefined;
  const result = execute({
    schema,
    document,
    rootValue,
    operationName: operationName ?? undefined,
    variableValues: variables ?? undefined,
    fieldResolver,
    typeResolver,
  });
  if (result instanceof Promise) throw new Error('simulator resolvers are synchronous');
  return result;
}
