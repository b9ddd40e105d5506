// Prisma's own schema engine, the WebAssembly build that ships with Prisma 7.10
// (@prisma/schema-engine-wasm), driven through the same driver adapters as the app. The CLI still asks for
// the downloadable native engine for `migrate diff`, which cannot be fetched here; the wasm build needs
// nothing from the network. It is used only to draft migrations (see docs/architecture.md, "Migrations",
// for what it cannot do yet and why the app keeps its own runner to apply them).
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

export type Provider = 'sqlite' | 'postgresql';

// Node's global WebAssembly; our `lib` (ES2023, no DOM) does not declare it.
const wasmRuntime = (globalThis as unknown as {
  WebAssembly: {
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
  };
}).WebAssembly;

let initialised = false;

/** Instantiates the wasm module once: the package's own entry imports `.wasm` as an ES module, which Node cannot. */
function initialiseEngine(): void {
  if (initialised) return;
  const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm');
  const instance = new wasmRuntime.Instance(new wasmRuntime.Module(fs.readFileSync(wasmPath)), { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  initialised = true;
}

/**
 * The engine connects when it starts, even for a diff between two data models: SQLite gets an in-memory
 * database; PostgreSQL needs a reachable server (nothing is read or written there). The engine has no way
 * to close its connection, so the PostgreSQL pool is ours and `close` ends it.
 */
function openAdapter(provider: Provider, postgresUrl: string) {
  if (provider === 'sqlite') return { factory: new PrismaBetterSqlite3({ url: ':memory:' }), close: async () => undefined };
  const pool = new pg.Pool({ connectionString: postgresUrl, max: 1 });
  pool.on('error', () => undefined); // an idle connection dropped by the server: the next query reconnects
  return { factory: new PrismaPg(pool), close: () => pool.end() };
}

/**
 * The SQL that migrates a database from the `from` data model to the `to` data model (both the text of a
 * schema.prisma for `provider`), as `prisma migrate diff --from-schema-datamodel --to-schema-datamodel
 * --script` prints it; "-- This is an empty migration." when they agree.
 */
export async function diffDataModels(provider: Provider, from: string, to: string, postgresUrl: string): Promise<string> {
  initialiseEngine();
  const file = provider === 'sqlite' ? 'schema.prisma' : 'schema.postgres.prisma';
  const adapter = openAdapter(provider, postgresUrl);
  const engine = await bindings.SchemaEngine.new({ datamodels: [[file, to]] }, () => undefined, bindMigrationAwareSqlAdapterFactory(adapter.factory)).catch(async (error: unknown) => {
    await adapter.close();
    throw error;
  });
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatamodel', files: [{ path: file, content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: file, content: to }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
    await adapter.close();
  }
}
