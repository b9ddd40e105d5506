import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';

// The real 2026-07 Admin schema (3.8 MB SDL). Building it costs ~0.5 s, so it is built lazily, once
// per process and per path, and shared by every simulator instance.

export const DEFAULT_SCHEMA_PATH = path.resolve(__dirname, '../../../shared/shopify/admin-2026-07.schema.graphql');

export interface LoadedSchema {
  schema: GraphQLSchema;
  buildMs: number;
}

const cache = new Map<string, LoadedSchema>();

export function resolveSchemaPath(explicit?: string): string {
  return explicit ?? process.env.SHOPIFY_SCHEMA_PATH ?? DEFAULT_SCHEMA_PATH;
}

export function loadAdminSchema(schemaPath: string): LoadedSchema {
  const cached = cache.get(schemaPath);
  if (cached) return cached;
  const started = performance.now();
  // assumeValidSDL: the SDL comes from Shopify's own introspection; re-validating it only costs time.
  // graphql's validate() still runs assertValidSchema once, lazily, on the first request.
  const schema = buildSchema(readFileSync(schemaPath, 'utf8'), { assumeValidSDL: true });
  const loaded = { schema, buildMs: Math.round(performance.now() - started) };
  cache.set(schemaPath, loaded);
  return loaded;
}
