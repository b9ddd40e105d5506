import {
  getNamedType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import { parseGid, toGid } from './gid';
import { shopifyTimestamp } from './mutation-root';
import { executeRequest, validateRequest } from './run-admin-graphql';
import { allocateId, type ShopState } from './shop-state';

// Bulk operations (bulkOperationRunQuery, bulkOperation / currentBulkOperation / node): the query is
// validated against the real schema like every other document, run over the shop's state a moment
// later (CREATED -> RUNNING -> COMPLETED, or FAILED with an errorCode a test asked for), and its result
// served as JSONL at a local URL. As Shopify documents it: one line per node of a connection, the nodes
// of a nested connection on lines of their own with `__parentId`; other nested objects stay inline.
// With `groupObjects: true` a parent's children follow it directly; the simulator always writes them in
// that order. Messages of user errors are our best guess (no recording).

type Args = Record<string, unknown>;
export type BulkErrorCode = 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT';

export interface SimBulkOperation {
  id: number;
  status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED';
  errorCode: BulkErrorCode | null;
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  /** the JSONL, once COMPLETED (served at `url`) */
  jsonl: string | null;
}

interface ShopBulkState {
  operations: SimBulkOperation[];
  /** the next operation ends FAILED with this code (set by tests) */
  failNext: BulkErrorCode | null;
  /** milliseconds between RUNNING and the result (default 0) */
  delayMs: number;
}

const bulkStates = new WeakMap<ShopState, ShopBulkState>();
/** Shopify runs a few bulk queries at once per app and shop (the limit depends on the version). */
const CONCURRENT_LIMIT = 5;

function stateOf(shop: ShopState): ShopBulkState {
  let state = bulkStates.get(shop);
  if (!state) bulkStates.set(shop, (state = { operations: [], failNext: null, delayMs: 0 }));
  return state;
}

/** For tests: the shop's next bulk operation fails with `code`. */
export function failNextBulkOperation(shop: ShopState, code: BulkErrorCode): void {
  stateOf(shop).failNext = code;
}

/** For tests: how long the shop's bulk operations stay RUNNING. */
export function setBulkOperationDelay(shop: ShopState, delayMs: number): void {
  stateOf(shop).delayMs = delayMs;
}

export function bulkOperationsOf(shop: ShopState): SimBulkOperation[] {
  return stateOf(shop).operations;
}

/** The JSONL of a completed operation, for the download route. */
export function bulkResultOf(shop: ShopState, id: number): string | null {
  return stateOf(shop).operations.find((operation) => operation.id === id)?.jsonl ?? null;
}

const isConnectionField = (schema: GraphQLSchema, typeName: string) => {
  const type = schema.getType(typeName);
  return isObjectType(type) && typeName.endsWith('Connection') && 'pageInfo' in type.getFields();
};

/** Connection fields of the document, with their depth (1 = top level). */
function connectionsOf(schema: GraphQLSchema, document: DocumentNode): Array<{ field: FieldNode; depth: number }> {
  const typeInfo = new TypeInfo(schema);
  const found: Array<{ field: FieldNode; depth: number }> = [];
  const stack: boolean[] = [];
  visit(document, visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        const type = typeInfo.getType();
        const connection = type ? isConnectionField(schema, getNamedType(type).name) : false;
        stack.push(connection);
        if (connection) found.push({ field: node, depth: stack.filter(Boolean).length });
      },
      leave() {
        stack.pop();
      },
    },
  }));
  return found;
}

/** Bulk queries page on their own: every connection without `first`/`last` gets an unlimited page. */
function withUnlimitedPages(document: DocumentNode, connections: Set<FieldNode>): DocumentNode {
  return visit(document, {
    Field(node) {
      if (!connections.has(node) || node.arguments?.some((a) => a.name.value === 'first' || a.name.value === 'last')) return undefined;
      const first: ArgumentNode = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: '1000000000' } };
      return { ...node, arguments: [...(node.arguments ?? []), first] };
    },
  });
}

/** The nodes of a connection value (edges { node } or nodes). */
function nodesOf(value: unknown): Array<Record<string, unknown>> | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.edges)) return record.edges.map((edge) => (edge as { node: Record<string, unknown> }).node);
  if (Array.isArray(record.nodes)) return record.nodes as Array<Record<string, unknown>>;
  return null;
}

/** Flattens a result into JSONL lines: a node, then the nodes of its nested connections. */
function flatten(data: Record<string, unknown>, connectionKeys: Set<string>): { lines: string[]; roots: number } {
  const lines: string[] = [];
  let roots = 0;
  const emit = (node: Record<string, unknown>, parentId: string | null) => {
    const own: Record<string, unknown> = {};
    const children: Array<Record<string, unknown>> = [];
    for (const [key, value] of Object.entries(node)) {
      const nested = connectionKeys.has(key) ? nodesOf(value) : null;
      if (nested) children.push(...nested);
      else own[key] = value;
    }
    if (parentId) own.__parentId = parentId;
    lines.push(JSON.stringify(own));
    for (const child of children) emit(child, typeof node.id === 'string' ? node.id : null);
  };
  for (const [key, value] of Object.entries(data)) {
    const nodes = connectionKeys.has(key) ? nodesOf(value) : null;
    if (!nodes) continue;
    for (const node of nodes) {
      roots += 1;
      emit(node, null);
    }
  }
  return { lines, roots };
}

function run(shop: ShopState, operation: SimBulkOperation, schema: GraphQLSchema, query: Record<string, unknown>, now: () => Date, failWith: BulkErrorCode | null): void {
  operation.status = 'RUNNING';
  if (failWith) {
    Object.assign(operation, { status: 'FAILED', errorCode: failWith, completedAt: shopifyTimestamp(now()) });
    return;
  }
  const document = parse(operation.query);
  const connections = connectionsOf(schema, document);
  const unlimited = withUnlimitedPages(document, new Set(connections.map((c) => c.field)));
  const operationNode = unlimited.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  if (operationNode.kind !== Kind.OPERATION_DEFINITION) return;
  const result = executeRequest(schema, unlimited, null, null, { query, mutation: {} }, operationNode);
  if (result.errors?.length || !result.data) {
    Object.assign(operation, { status: 'FAILED', errorCode: 'INTERNAL_SERVER_ERROR', completedAt: shopifyTimestamp(now()) });
    return;
  }
  const keys = new Set(connections.map((c) => c.field.alias?.value ?? c.field.name.value));
  const { lines, roots } = flatten(result.data as Record<string, unknown>, keys);
  const jsonl = lines.length > 0 ? `${lines.join('\n')}\n` : '';
  Object.assign(operation, {
    status: 'COMPLETED', jsonl, objectCount: lines.length, rootObjectCount: roots, fileSize: Buffer.byteLength(jsonl), completedAt: shopifyTimestamp(now()),
  });
  void shop;
}

export interface BulkOperationRoots {
  query: Record<string, (args: Args) => unknown>;
  mutation: Record<string, (args: Args) => unknown>;
}

/**
 * The bulk-operation root fields for one request; `base` is the shop's ordinary query root (run by the
 * operation, and answering `node` for every other type); `resultBaseUrl` is where JSONL is served.
 */
export function createBulkOperationRoots(
  shop: ShopState,
  deps: { schema: GraphQLSchema; base: Record<string, (args: Args) => unknown>; now: () => Date; resultBaseUrl: string },
): BulkOperationRoots {
  const state = stateOf(shop);
  const view = (operation: SimBulkOperation) => ({
    __typename: 'BulkOperation',
    id: toGid('BulkOperation', operation.id),
    status: operation.status,
    errorCode: operation.errorCode,
    type: 'QUERY',
    query: operation.query,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.status === 'COMPLETED' && operation.objectCount > 0 ? `${deps.resultBaseUrl}/bulk-operations/${shop.domain}/${operation.id}.jsonl` : null,
    partialDataUrl: null,
  });
  const find = (gid: unknown) => {
    const parsed = typeof gid === 'string' ? parseGid(gid, 'BulkOperation') : null;
    return parsed ? state.operations.find((operation) => operation.id === parsed.id) : undefined;
  };
  const bulkOperationRunQuery = (args: Args) => {
    const fail = (message: string, code: string) => ({ bulkOperation: null, userErrors: [{ __typename: 'BulkOperationUserError', field: ['query'], message, code }] });
    const text = typeof args.query === 'string' ? args.query : '';
    let document: DocumentNode;
    try {
      document = parse(text);
    } catch (error) {
      return fail(`Invalid bulk query: ${(error as Error).message}`, 'INVALID');
    }
    const errors = validateRequest(deps.schema, document);
    if (errors.length > 0) return fail(`Invalid bulk query: ${errors.map((e) => e.message).join('; ')}`, 'INVALID');
    const connections = connectionsOf(deps.schema, document);
    if (connections.length === 0) return fail('Bulk queries must contain at least one connection.', 'INVALID');
    if (connections.length > 5) return fail('Bulk queries cannot contain more than 5 connections.', 'INVALID');
    if (connections.some((c) => c.depth > 2)) return fail('Bulk queries cannot contain connections with a nesting depth greater than 2.', 'INVALID');
    if (state.operations.filter((o) => o.status === 'CREATED' || o.status === 'RUNNING').length >= CONCURRENT_LIMIT) {
      return fail('A bulk query operation for this app and shop is already in progress.', 'OPERATION_IN_PROGRESS');
    }
    const operation: SimBulkOperation = {
      id: allocateId(shop), status: 'CREATED', errorCode: null, query: text, createdAt: shopifyTimestamp(deps.now()), completedAt: null,
      objectCount: 0, rootObjectCount: 0, fileSize: null, jsonl: null,
    };
    state.operations.push(operation);
    const failWith = state.failNext;
    state.failNext = null;
    // Runs after the answer, as Shopify's does: the app sees CREATED first, then polls.
    setTimeout(() => {
      operation.status = 'RUNNING';
      setTimeout(() => run(shop, operation, deps.schema, deps.base, deps.now, failWith), state.delayMs);
    }, 0);
    return { bulkOperation: view(operation), userErrors: [] };
  };
  return {
    mutation: { bulkOperationRunQuery },
    query: {
      bulkOperation: (args) => {
        const operation = find(args.id);
        return operation ? view(operation) : null;
      },
      currentBulkOperation: () => {
        const latest = state.operations[state.operations.length - 1];
        return latest ? view(latest) : null;
      },
      node: (args) => {
        const operation = find(args.id);
        return operation ? view(operation) : deps.base.node!(args);
      },
    },
  };
}

/** GET /bulk-operations/:shop/:id.jsonl: the result file (Shopify serves it from storage, without a token). */
export function createBulkResultHandler(shops: Map<string, ShopState>) {
  return (req: { params: Record<string, string | undefined> }, res: { status(code: number): { send(body: string): void }; type(t: string): { send(body: string): void } }): void => {
    const shop = shops.get(req.params.shop ?? '');
    const id = Number(/^(\d+)\.jsonl$/.exec(req.params.file ?? '')?.[1]);
    const jsonl = shop && Number.isSafeInteger(id) ? bulkResultOf(shop, id) : null;
    if (jsonl === null) res.status(404).send('Not Found');
    else res.type('application/jsonl').send(jsonl);
  };
}
