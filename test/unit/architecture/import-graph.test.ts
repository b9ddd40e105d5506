// Layers one way: no import loops between the app's files (type-only imports count too), and no
// index.ts that nothing imports.
import fs from 'node:fs';
import path from 'node:path';
import { importCycles, importGraph, repoRoot } from '../../support/import-graph';

const SOURCES = ['web/contracts', 'web/core', 'web/server', 'web/shopify-admin', 'web/frontend/src', 'extension', 'jobs', 'scripts', 'test'];
const graph = importGraph(SOURCES.filter((dir) => fs.existsSync(path.join(repoRoot, dir))));

describe('import graph', () => {
  it('has no import loops', () => {
    expect(importCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('has no index.ts that nothing imports', () => {
    const imported = new Set([...graph.values()].flat());
    // An extension's src/index is its entry point, named by its shopify.extension.toml.
    const isExtensionEntry = (file: string) => /^extension\/[^/]+\/src\/index\.tsx?$/.test(file);
    expect([...graph.keys()].filter((file) => /(^|\/)index\.tsx?$/.test(file) && !imported.has(file) && !isExtensionEntry(file))).toEqual([]);
  });
});
