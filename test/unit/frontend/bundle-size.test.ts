// The first screen of the admin must stay small: the JS that index.html loads before any page
// (entry + modulepreloads) is at most 350 KB gzipped. Pages are lazy chunks and not counted here.
// Runs against web/frontend/dist; skipped when the frontend has not been built.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const DIST = path.resolve(__dirname, '../../../web/frontend/dist');
const LIMIT_BYTES = 350 * 1024;
const built = fs.existsSync(path.join(DIST, 'index.html'));

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(path.join(DIST, 'assets', file)), { level: 9 }).length;
}

(built ? describe : describe.skip)('admin UI bundle size', () => {
  const html = built ? fs.readFileSync(path.join(DIST, 'index.html'), 'utf8') : '';
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1]!);

  it('loads at most 350 KB of gzipped JavaScript before the first page', () => {
    expect(initial.length).toBeGreaterThan(0);
    const total = initial.reduce((sum, file) => sum + gzipSize(file), 0);
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
  });

  it('keeps every page and the chart out of the initial bundle', () => {
    for (const chunk of ['dashboard-page', 'members-page', 'member-page', 'products-page', 'product-page', 'report-page', 'settings-page', 'bulk-adjust-page', 'rewards-page', 'messages-page', 'earned-spent-chart', 'groups-page', 'group-page', 'group-members-chart']) {
      expect(initial.some((file) => file.startsWith(`${chunk}-`))).toBe(false);
      expect(fs.readdirSync(path.join(DIST, 'assets')).some((file) => file.startsWith(`${chunk}-`) && file.endsWith('.js'))).toBe(true);
    }
  });
});
