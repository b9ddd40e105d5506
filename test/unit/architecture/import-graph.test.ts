// Layers one way: no import loops between the app's files (type-only imports count too).
import fs from 'node:fs';
import path from 'node:path';
import { importCycles, importGraph, repoRoot } from '../../support/import-graph';

const SOURCES = ['web/core', 'web/server', 'web/shopify-admin', 'web/frontend/src', 'extension', 'jobs', 'scripts'];
const graph = importGraph(SOURCES.filter((dir) => fs.existsSync(path.join(repoRoot, dir))));

describe('import graph', () => {
  it('has no import loops', () => {
    expect(importCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
