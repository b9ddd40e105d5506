// Relay connections as Shopify serves them: opaque base64 cursors, nodes + edges + pageInfo.

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ last_id: id })).toString('base64');
}

function decodeCursor(cursor: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'last_id' in parsed && typeof parsed.last_id === 'number') {
      return parsed.last_id;
    }
  } catch {
    // fall through: an unreadable cursor behaves like no cursor match
  }
  return null;
}

export class ConnectionArgumentError extends Error {}

export function buildConnection<T, V>(
  all: readonly T[],
  args: ConnectionArgs,
  idOf: (item: T) => number,
  toView: (item: T) => V,
) {
  if (args.first == null && args.last == null) {
    throw new ConnectionArgumentError('you must provide one of first or last');
  }
  let items = args.reverse ? [...all].reverse() : [...all];
  if (args.after) {
    const afterId = decodeCursor(args.after);
    const index = items.findIndex((item) => idOf(item) === afterId);
    items = index >= 0 ? items.slice(index + 1) : [];
  }
  if (args.before) {
    const beforeId = decodeCursor(args.before);
    const index = items.findIndex((item) => idOf(item) === beforeId);
    items = index >= 0 ? items.slice(0, index) : items;
  }
  const windowStart = args.last != null ? Math.max(0, items.length - args.last) : 0;
  const windowEnd = args.first != null ? Math.min(items.length, windowStart + args.first) : items.length;
  const page = items.slice(windowStart, windowEnd);
  const before = all.length - items.length;
  const edges = page.map((item) => ({ cursor: encodeCursor(idOf(item)), node: toView(item) }));
  return {
    nodes: edges.map((edge) => edge.node),
    edges,
    pageInfo: {
      hasNextPage: windowEnd < items.length,
      hasPreviousPage: windowStart > 0 || (Boolean(args.after) && before > 0),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
