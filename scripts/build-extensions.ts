// Bundles the extensions with esbuild: the theme widget into its committed asset (theme app
// extensions ship prebuilt assets), and the UI extensions into dist/ to measure them against
// Shopify's limits (the Shopify CLI bundles those itself on deploy). Also writes each UI extension's
// locales/*.json from extension/shared/messages.ts, the one source of the customer-facing text.
//   tsx scripts/build-extensions.ts          build and print sizes
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { catalogues, SUPPORTED_LOCALES } from '../extension/shared/messages';

const root = path.resolve(__dirname, '..');
const ext = (...parts: string[]) => path.join(root, 'extension', ...parts);

export const WIDGET_ENTRY = ext('theme-loyalty-widget', 'src', 'main.ts');
export const WIDGET_ASSET = ext('theme-loyalty-widget', 'assets', 'loyalty-widget.js');

// The admin block has its own (staff-facing) strings in locales/; the others share the customer catalogue.
const UI_EXTENSIONS: Array<{ name: string; entries: string[]; ownLocales?: boolean }> = [
  { name: 'checkout-loyalty', entries: ['src/index.ts'] },
  { name: 'customer-account-points', entries: ['src/points-page.ts', 'src/order-status-block.ts'] },
  { name: 'admin-product-loyalty', entries: ['src/index.ts'], ownLocales: true },
];

export const widgetBuildOptions: BuildOptions = {
  entryPoints: [WIDGET_ENTRY],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  legalComments: 'none',
};

export async function bundleWidget(): Promise<string> {
  const result = await build({ ...widgetBuildOptions, write: false });
  return result.outputFiles[0]!.text;
}

export async function bundleUiExtension(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', target: ['es2020'], write: false, legalComments: 'none' });
  return result.outputFiles[0]!.text;
}

function writeLocales(name: string): void {
  const dir = ext(name, 'locales');
  fs.mkdirSync(dir, { recursive: true });
  for (const locale of SUPPORTED_LOCALES) {
    const file = locale === 'en' ? 'en.default.json' : `${locale}.json`;
    fs.writeFileSync(path.join(dir, file), `${JSON.stringify(catalogues[locale], null, 2)}\n`);
  }
}

export interface SizeRow {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildAll(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  const widget = await bundleWidget();
  fs.writeFileSync(WIDGET_ASSET, widget);
  rows.push({ name: 'theme-loyalty-widget/assets/loyalty-widget.js', bytes: Buffer.byteLength(widget), gzipBytes: gzipSync(widget).length });
  const css = fs.readFileSync(ext('theme-loyalty-widget', 'assets', 'loyalty-widget.css'));
  rows.push({ name: 'theme-loyalty-widget/assets/loyalty-widget.css', bytes: css.length, gzipBytes: gzipSync(css).length });
  for (const extension of UI_EXTENSIONS) {
    if (!extension.ownLocales) writeLocales(extension.name);
    for (const entry of extension.entries) {
      const code = await bundleUiExtension(ext(extension.name, entry));
      const out = ext(extension.name, 'dist', path.basename(entry).replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, code);
      rows.push({ name: `${extension.name}/${entry}`, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length });
    }
  }
  return rows;
}

if (require.main === module) {
  buildAll().then((rows) => {
    for (const row of rows) console.log(`${row.name.padEnd(56)} ${(row.bytes / 1024).toFixed(1).padStart(7)} KB  gzip ${(row.gzipBytes / 1024).toFixed(1).padStart(6)} KB`);
  }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
