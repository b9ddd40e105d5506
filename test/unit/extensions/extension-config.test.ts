// The extensions' Shopify configuration: each folder has its shopify.extension.toml with the
// targets its code registers, and the UI extensions that call our API ask for network access.
import fs from 'node:fs';
import path from 'node:path';
import { APP_BLOCK_JS_LIMIT_BYTES, bundleMemberPanel, bundleWidget, generatedFiles } from '../../../scripts/build-extensions';

const root = path.resolve(__dirname, '../../../extension');
const read = (...parts: string[]) => fs.readFileSync(path.join(root, ...parts), 'utf8');

describe('extension configuration', () => {
  it('puts each UI extension on API 2026-07 or later, each target a Preact module typed for that target', () => {
    for (const name of ['checkout-loyalty', 'customer-account-points', 'admin-product-loyalty']) {
      const toml = read(name, 'shopify.extension.toml');
      expect(/^api_version = "(\d{4}-\d{2})"$/m.exec(toml)?.[1]! >= '2026-07').toBe(true);
      expect(toml).toMatch(/^type = "ui_extension"$/m);
      const targets = [...toml.matchAll(/^module = "(.+)"\ntarget = "(.+)"$/gm)];
      expect(targets.length).toBeGreaterThan(0);
      const globals = read(name, 'shopify.d.ts');
      for (const [, module, target] of targets) {
        const source = read(name, module!);
        expect(source).toContain("import '@shopify/ui-extensions/preact';");
        expect(source).toMatch(/^export default async \(\) => \{\n {2}render\(</m);
        // The `shopify` global of this module is the API of the target it is registered for.
        expect(globals).toContain(`declare module '${module}' {\n  const shopify: import('@shopify/ui-extensions/${target}').Api;`);
      }
    }
    expect(read('checkout-loyalty', 'shopify.extension.toml')).toMatch(/\[extensions\.capabilities\]\n(#.*\n)*network_access = true/);
    expect(read('customer-account-points', 'shopify.extension.toml')).toMatch(/network_access = true/);
  });

  it('gives the theme blocks valid schema JSON with the widget asset, targets body and section', () => {
    const schemas = ['loyalty-launcher.liquid', 'rewards-section.liquid'].map((file) => {
      const liquid = read('theme-loyalty-widget', 'blocks', file);
      return JSON.parse(/\{% schema %\}([\s\S]*?)\{% endschema %\}/.exec(liquid)![1]!) as { target: string; javascript: string; stylesheet: string };
    });
    expect(schemas.map((s) => s.target)).toEqual(['body', 'section']);
    for (const schema of schemas) {
      expect(fs.existsSync(path.join(root, 'theme-loyalty-widget', 'assets', schema.javascript))).toBe(true);
      expect(fs.existsSync(path.join(root, 'theme-loyalty-widget', 'assets', schema.stylesheet))).toBe(true);
    }
    expect(read('theme-loyalty-widget', 'shopify.extension.toml')).toMatch(/^type = "theme"$/m);
  });

  it('ships the admin block in all five languages with the same keys', () => {
    const english = Object.keys(JSON.parse(read('admin-product-loyalty', 'locales', 'en.default.json'))).sort();
    for (const locale of ['nl', 'uk', 'da', 'pl']) {
      expect(Object.keys(JSON.parse(read('admin-product-loyalty', 'locales', `${locale}.json`))).sort()).toEqual(english);
    }
  });
});

describe('storefront widget build', () => {
  it("keeps the widget's script within Theme Check's limit for app block JavaScript (bytes on disk)", () => {
    expect(fs.statSync(path.join(root, 'theme-loyalty-widget', 'assets', 'loyalty-widget.js')).size).toBeLessThanOrEqual(APP_BLOCK_JS_LIMIT_BYTES);
  });

  it('has the committed widget asset built from the current source (run npm run build:extensions)', async () => {
    expect(read('theme-loyalty-widget', 'assets', 'loyalty-widget.js')).toBe(await bundleWidget());
    expect(read('theme-loyalty-widget', 'assets', 'loyalty-widget-member.js')).toBe(await bundleMemberPanel());
  });

  it('has the locales and the blocks\' text templates generated from extension/shared/messages.ts (run npm run build:extensions)', () => {
    for (const [file, content] of generatedFiles()) expect([file, fs.readFileSync(file, 'utf8')]).toEqual([file, content]);
  });

  it('ships the theme extension in five languages, storefront and settings, with the same keys', () => {
    const keys = (file: string) => {
      const flat = (value: unknown, prefix = ''): string[] => typeof value === 'string' ? [prefix] : Object.entries(value as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
      return flat(JSON.parse(read('theme-loyalty-widget', 'locales', file))).sort();
    };
    for (const locale of ['nl', 'uk', 'da', 'pl']) {
      expect(keys(`${locale}.json`)).toEqual(keys('en.default.json'));
      expect(keys(`${locale}.schema.json`)).toEqual(keys('en.default.schema.json'));
    }
    // Every `t:` key of the blocks' settings exists.
    const schemaKeys = new Set(keys('en.default.schema.json'));
    for (const file of ['loyalty-launcher.liquid', 'rewards-section.liquid']) {
      for (const [, key] of read('theme-loyalty-widget', 'blocks', file).matchAll(/"t:([\w.]+)"/g)) expect([file, schemaKeys.has(key!)]).toEqual([file, true]);
    }
  });
});
