// The graph of relative imports between the repository's TypeScript files (type-only imports included:
// a loop through types is still a loop a reader has to follow), read with TypeScript's own pre-processor.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(__dirname, '../..');

function listSources(dir: string, skip: (relative: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (skip(relative)) continue;
    if (entry.isDirectory()) out.push(...listSources(relative, skip));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | undefined {
  // `import('./x.js')` (an ES module path, as dynamic imports are written) names ./x.ts.
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (fs.existsSync(path.join(repoRoot, candidate)) && fs.statSync(path.join(repoRoot, candidate)).isFile()) return candidate;
  }
  return undefined;
}

/** file -> the files it imports, for every source under `dirs` (generated code and node_modules left out). */
export function importGraph(dirs: string[]): Map<string, string[]> {
  const skip = (relative: string) => /(^|\/)(node_modules|generated|dist)$/.test(relative);
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap((dir) => listSources(dir, skip))) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(repoRoot, file), 'utf8'), true, true);
    graph.set(file, importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => resolveImport(file, i.fileName)).filter((f): f is string => f !== undefined));
  }
  return graph;
}

/** Every import loop, each as the files along it (first file repeated at the end). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
