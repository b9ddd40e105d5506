// Customer segments (a group's members: customers carrying its tag). Segment names are unique per shop,
// which is how a retry finds a segment a crashed attempt created.
import type { AdminGraphqlClient, QueryCost } from './admin-graphql-client';

const SEGMENT_FIELDS = `id name query`;

export const SEGMENT_QUERY = `#graphql
  query LoyaltySegment($id: ID!) {
    segment(id: $id) { ${SEGMENT_FIELDS} }
  }
`;

export const SEGMENTS_BY_NAME_QUERY = `#graphql
  query LoyaltySegmentsByName($query: String!) {
    segments(first: 10, query: $query) { nodes { ${SEGMENT_FIELDS} } }
  }
`;

export const SEGMENT_CREATE_MUTATION = `#graphql
  mutation LoyaltySegmentCreate($name: String!, $query: String!) {
    segmentCreate(name: $name, query: $query) {
      segment { ${SEGMENT_FIELDS} }
      userErrors { field message }
    }
  }
`;

export const SEGMENT_UPDATE_MUTATION = `#graphql
  mutation LoyaltySegmentUpdate($id: ID!, $name: String, $query: String) {
    segmentUpdate(id: $id, name: $name, query: $query) {
      segment { ${SEGMENT_FIELDS} }
      userErrors { field message }
    }
  }
`;

export const SEGMENT_DELETE_MUTATION = `#graphql
  mutation LoyaltySegmentDelete($id: ID!) {
    segmentDelete(id: $id) {
      deletedSegmentId
      userErrors { field message }
    }
  }
`;

export interface Segment {
  id: string;
  name: string;
  query: string;
}

type UserErrors = Array<{ field: string[] | null; message: string }>;
export type SegmentAnswer = { ok: true; segment: Segment } | { ok: false; message: string };
type Meter = (cost: QueryCost | undefined) => void;

const answerOf = (payload: { segment: Segment | null; userErrors: UserErrors } | null): SegmentAnswer =>
  payload?.segment && payload.userErrors.length === 0 ? { ok: true, segment: payload.segment } : { ok: false, message: payload?.userErrors.map((e) => e.message).join('; ') || 'no segment returned' };

export async function readSegment(client: AdminGraphqlClient, shop: string, token: string, id: string, meter: Meter): Promise<Segment | null> {
  const { data, cost } = await client.request<{ segment: Segment | null }>(shop, token, SEGMENT_QUERY, { id });
  meter(cost);
  return data.segment;
}

export async function findSegmentByName(client: AdminGraphqlClient, shop: string, token: string, name: string, meter: Meter): Promise<Segment | null> {
  const { data, cost } = await client.request<{ segments: { nodes: Segment[] } }>(shop, token, SEGMENTS_BY_NAME_QUERY, { query: `name:'${name.replace(/'/g, "\\'")}'` });
  meter(cost);
  // The search matches parts of names; only the exact name is ours.
  return data.segments.nodes.find((segment) => segment.name === name) ?? null;
}

/** Not retried after a 5xx or a timeout (it may have been applied): the caller looks it up by name next time. */
export async function createSegment(client: AdminGraphqlClient, shop: string, token: string, input: { name: string; query: string }, meter: Meter): Promise<SegmentAnswer> {
  const { data, cost } = await client.request<{ segmentCreate: { segment: Segment | null; userErrors: UserErrors } | null }>(shop, token, SEGMENT_CREATE_MUTATION, input, { onlyRetryThrottled: true });
  meter(cost);
  return answerOf(data.segmentCreate);
}

export async function updateSegment(client: AdminGraphqlClient, shop: string, token: string, id: string, input: { name: string; query: string }, meter: Meter): Promise<SegmentAnswer> {
  const { data, cost } = await client.request<{ segmentUpdate: { segment: Segment | null; userErrors: UserErrors } | null }>(shop, token, SEGMENT_UPDATE_MUTATION, { id, ...input });
  meter(cost);
  return answerOf(data.segmentUpdate);
}

export async function deleteSegment(client: AdminGraphqlClient, shop: string, token: string, id: string, meter: Meter): Promise<void> {
  const { cost } = await client.request<{ segmentDelete: { deletedSegmentId: string | null; userErrors: UserErrors } | null }>(shop, token, SEGMENT_DELETE_MUTATION, { id });
  meter(cost);
  // A user error here means the segment is already gone, which is what we wanted.
}
