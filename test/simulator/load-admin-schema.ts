import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildSchema, type GraphQLSchema } from 'graphql';

// The real 2026-07 Admin schema (3.8 MB SDL, kept gzipped in the repository: 0.6 MB, ~10 ms to
// inflate). Building it costs ~0.5 s, so it is built lazily, once per process and per path, and
// shared by every simulator instance.

export const SHOPIFY_CONTRACT_DIR = path.resolve(__dirname, 'shopify-contract');
export const DEFAULT_SCHEMA_PATH = path.join(SHOPIFY_CONTRACT_DIR, 'admin-2026-07.schema.graphql.gz');
/** Responses recorded from a real development store, replayed by the simulator's tests. */
export const RECORDED_RESPONSES_DIR = path.join(SHOPIFY_CONTRACT_DIR, 'admin-responses');

export interface LoadedSchema {
  schema: GraphQLSchema;
  buildMs: number;
}

const cache = new Map<string, LoadedSchema>();

export function resolveSchemaPath(explicit?: string): string {
  return explicit ?? process.env.SHOPIFY_SCHEMA_PATH ?? DEFAULT_SCHEMA_PATH;
}

/** The schema's SDL text; a path ending in `.gz` is inflated. */
export function readAdminSchemaSdl(schemaPath: string): string {
  const bytes = readFileSync(schemaPath);
  return (schemaPath.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

export function loadAdminSchema(schemaPath: string): LoadedSchema {
  const cached = cache.get(schemaPath);
  if (cached) return cached;
  const started = performance.now();
  // assumeValidSDL: the SDL comes from Shopify's own introspection; re-validating it only costs time.
  // graphql's validate() still runs assertValidSchema once, lazily, on the first request.
  const schema = buildSchema(readAdminSchemaSdl(schemaPath), { assumeValidSDL: true });
  const loaded = { schema, buildMs: Math.round(performance.now() - started) };
  cache.set(schemaPath, loaded);
  return loaded;
}
