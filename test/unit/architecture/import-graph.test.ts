// Layers one way: no import loops between the app's files (type-only imports count too), jobs/ and
// web/server never import each other (both go through web/runtime), and no index.ts that nothing imports.
import fs from 'node:fs';
import path from 'node:path';
import { importCycles, importGraph, repoRoot } from '../../support/import-graph';

const SOURCES = ['web/contracts', 'web/core', 'web/server', 'web/shopify-admin', 'web/frontend/src', 'extension', 'jobs', 'scripts', 'test'];
const graph = importGraph(SOURCES.filter((dir) => fs.existsSync(path.join(repoRoot, dir))));

describe('import graph', () => {
  it('has no import loops', () => {
    expect(importCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('keeps jobs/ and web/server apart: neither imports the other', () => {
    const crossing = (from: string, to: string) =>
      (from.startsWith('jobs/') && to.startsWith('web/server/')) || (from.startsWith('web/server/') && to.startsWith('jobs/'));
    const imports = [...graph].flatMap(([from, targets]) => targets.filter((to) => crossing(from, to)).map((to) => `${from} -> ${to}`));
    expect(imports).toEqual([]);
  });

  it('has no index.ts that nothing imports', () => {
    const imported = new Set([...graph.values()].flat());
    // An extension's src/index is its entry point, named by its shopify.extension.toml.
    const isExtensionEntry = (file: string) => /^extension\/[^/]+\/src\/index\.tsx?$/.test(file);
    expect([...graph.keys()].filter((file) => /(^|\/)index\.tsx?$/.test(file) && !imported.has(file) && !isExtensionEntry(file))).toEqual([]);
  });
});
