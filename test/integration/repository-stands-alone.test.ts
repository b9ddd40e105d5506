// The repository stands alone: a copy of its files (what git tracks, plus new files not ignored) with
// nothing beside it runs demo mode and the tests that need Shopify's schema and recorded responses, and
// no process opens a file outside the copy except the installed packages, build outputs, system files
// and the temporary directory. Catches reads of `../shared` or any other sibling of the checkout.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
// Installed or built, not tracked: linked into the copy as `npm install` would have made them.
const INSTALLED = ['node_modules', 'web/server/generated', 'web/frontend/dist'];
// The representative subset: the schema and the recordings (unit), and `npm start`'s demo mode as a process.
const SUBSET = ['test/unit/shopify-admin/graphql-documents.test.ts', 'test/unit/simulator/recorded-responses.test.ts', 'test/integration/http/web-process.test.ts'];
const SYSTEM_ROOTS = ['/dev', '/proc', '/sys', '/etc', '/usr', '/lib', '/lib64', '/bin', '/sbin', '/run'];

function copyRepositoryFiles(target: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }).toString().split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(from, path.join(target, file));
  }
  for (const dir of INSTALLED) if (fs.existsSync(path.join(root, dir))) fs.symlinkSync(path.join(root, dir), path.join(target, dir), 'dir');
}

describe('the repository stands alone', () => {
  let sandbox: string;
  beforeAll(() => {
    sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'stands-alone-'));
  });
  afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }));

  it('runs demo mode and the schema and recording tests from a copy with nothing beside it, opening no file outside it', () => {
    const copy = path.join(sandbox, 'repo');
    const tmp = path.join(sandbox, 'tmp');
    fs.mkdirSync(tmp);
    copyRepositoryFiles(copy);
    const log = path.join(tmp, 'outside-reads.log');
    fs.writeFileSync(log, '');
    const allowed = [copy, tmp, ...INSTALLED.map((dir) => fs.realpathSync(path.join(root, dir))), ...SYSTEM_ROOTS, path.dirname(path.dirname(process.execPath))];
    const result = spawnSync(process.execPath, [path.join(copy, 'node_modules/jest/bin/jest.js'), '--ci', '--runInBand', ...SUBSET], {
      cwd: copy,
      encoding: 'utf8',
      env: {
        ...process.env,
        TMPDIR: tmp,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(copy, 'test/support/record-outside-reads.cjs')}`.trim(),
        OUTSIDE_READS_LOG: log,
        OUTSIDE_READS_ALLOWED: allowed.join(path.delimiter),
        // Reading files does not depend on the database: SQLite alone keeps this check cheap.
        TEST_POSTGRES_URL: 'postgresql://postgres@127.0.0.1:1/none',
        REQUIRE_POSTGRES: '0',
      },
    });
    expect({ status: result.status, output: result.status === 0 ? '' : `${result.stdout}\n${result.stderr}` }).toEqual({ status: 0, output: '' });
    expect(result.stderr).toMatch(/Tests: .*\b\d+ passed, \d+ total/);
    const outside = [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))];
    expect(outside).toEqual([]);
  }, 240_000);
});
