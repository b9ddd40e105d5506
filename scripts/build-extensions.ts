// Builds what the extensions ship that the Shopify CLI does not build itself, from
// extension/shared/messages.ts (the one source of the customer-facing text):
// - the theme widget's committed asset (theme app extensions ship prebuilt assets), bundled with esbuild;
// - the theme extension's storefront locales/*.json, and in each block the <template data-slw-texts>
//   that renders those words with Liquid's `t` filter into the markup the widget reads (src/texts.ts;
//   inline rather than a snippet: Theme Check does not count a block's render as a reference);
// - each customer UI extension's locales/*.json.
// The UI extensions themselves are bundled by `shopify app build` (npm run shopify:build).
//   tsx scripts/build-extensions.ts          build and print the widget's sizes
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { catalogues, SUPPORTED_LOCALES, UI_EXTENSION_ONLY_KEYS, type MessageKey, type SupportedLocale } from '../extension/shared/messages';

const root = path.resolve(__dirname, '..');
const ext = (...parts: string[]) => path.join(root, 'extension', ...parts);

export const WIDGET_ENTRY = ext('theme-loyalty-widget', 'src', 'main.ts');
export const WIDGET_ASSET = ext('theme-loyalty-widget', 'assets', 'loyalty-widget.js');
export const MEMBER_PANEL_ENTRY = ext('theme-loyalty-widget', 'src', 'member-panel.ts');
/** The member's tier and birthday form, an ES module the widget imports on demand (not an app block's script). */
export const MEMBER_PANEL_ASSET = ext('theme-loyalty-widget', 'assets', 'loyalty-widget-member.js');
export const WIDGET_BLOCKS = ['loyalty-launcher.liquid', 'rewards-section.liquid'].map((file) => ext('theme-loyalty-widget', 'blocks', file));
/** Shopify's Theme Check limit for the JavaScript an app block or embed references (AssetSizeAppBlockJavaScript). */
export const APP_BLOCK_JS_LIMIT_BYTES = 10_000;
/** The UI extensions that share the customer catalogue (the admin block has its own staff-facing locales/). */
export const CUSTOMER_UI_EXTENSIONS = ['checkout-loyalty', 'customer-account-points'];
const PLURAL_FORMS = ['one', 'few', 'many', 'other'] as const;

export const widgetBuildOptions: BuildOptions = {
  entryPoints: [WIDGET_ENTRY],
  bundle: true,
  minify: true,
  format: 'iife',
  // Storefront browsers: the last two versions of the major ones, all ES2020.
  target: ['es2020'],
  legalComments: 'none',
};

export async function bundleWidget(): Promise<string> {
  const result = await build({ ...widgetBuildOptions, write: false });
  return result.outputFiles[0]!.text;
}

export async function bundleMemberPanel(): Promise<string> {
  const result = await build({ ...widgetBuildOptions, entryPoints: [MEMBER_PANEL_ENTRY], format: 'esm', write: false });
  return result.outputFiles[0]!.text;
}

const localeFile = (locale: SupportedLocale, suffix = '') => `${locale}${locale === 'en' ? '.default' : ''}${suffix}.json`;

/** The widget's words: every customer message but the UI extensions' own, plural forms as key_one … key_other. */
export function widgetLocale(locale: SupportedLocale): { loyalty: Record<string, string> } {
  const words: Record<string, string> = {};
  for (const [key, message] of Object.entries(catalogues[locale]) as Array<[MessageKey, string | Record<string, string>]>) {
    if (UI_EXTENSION_ONLY_KEYS.includes(key)) continue;
    if (typeof message === 'string') words[key] = message;
    // Every form in every language, so that all locale files have the same keys (MatchingTranslations).
    else for (const form of PLURAL_FORMS) words[`${key}_${form}`] = message[form] ?? message.other!;
  }
  return { loyalty: words };
}

/** The markup that carries the widget's words, one element per key, each rendered by the `t` filter. */
export function widgetTextsTemplate(): string {
  const keys = Object.keys(widgetLocale('en').loyalty);
  return ['<template data-slw-texts>', ...keys.map((key) => `    <p data-k="${key}">{{ 'loyalty.${key}' | t }}</p>`), '  </template>'].join('\n');
}

/** Every generated file of the extensions, path -> content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  for (const locale of SUPPORTED_LOCALES) {
    files.set(ext('theme-loyalty-widget', 'locales', localeFile(locale)), json(widgetLocale(locale)));
    for (const name of CUSTOMER_UI_EXTENSIONS) files.set(ext(name, 'locales', localeFile(locale)), json(catalogues[locale]));
  }
  for (const block of WIDGET_BLOCKS) {
    files.set(block, fs.readFileSync(block, 'utf8').replace(/<template data-slw-texts>[\s\S]*?<\/template>/, widgetTextsTemplate()));
  }
  return files;
}

export interface SizeRow {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildAll(): Promise<SizeRow[]> {
  for (const [file, content] of generatedFiles()) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  const widget = await bundleWidget();
  fs.writeFileSync(WIDGET_ASSET, widget);
  const memberPanel = await bundleMemberPanel();
  fs.writeFileSync(MEMBER_PANEL_ASSET, memberPanel);
  const css = fs.readFileSync(ext('theme-loyalty-widget', 'assets', 'loyalty-widget.css'));
  return [
    { name: 'theme-loyalty-widget/assets/loyalty-widget.js', bytes: Buffer.byteLength(widget), gzipBytes: gzipSync(widget).length },
    { name: 'theme-loyalty-widget/assets/loyalty-widget-member.js', bytes: Buffer.byteLength(memberPanel), gzipBytes: gzipSync(memberPanel).length },
    { name: 'theme-loyalty-widget/assets/loyalty-widget.css', bytes: css.length, gzipBytes: gzipSync(css).length },
  ];
}

if (require.main === module) {
  buildAll().then((rows) => {
    for (const row of rows) console.log(`${row.name.padEnd(56)} ${String(row.bytes).padStart(7)} B  gzip ${String(row.gzipBytes).padStart(6)} B`);
  }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
