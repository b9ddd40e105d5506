// The extensions' Shopify configuration: each folder has its shopify.extension.toml with the
// targets its code registers, and the UI extensions that call our API ask for network access.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleUiExtension, bundleWidget } from '../../../scripts/build-extensions';

const root = path.resolve(__dirname, '../../../extension');
const read = (...parts: string[]) => fs.readFileSync(path.join(root, ...parts), 'utf8');

describe('extension configuration', () => {
  it('declares each UI extension target that its module registers, with a module file that exists', () => {
    for (const name of ['checkout-loyalty', 'customer-account-points', 'admin-product-loyalty']) {
      const toml = read(name, 'shopify.extension.toml');
      expect(toml).toMatch(/^api_version = "\d{4}-\d{2}"$/m);
      expect(toml).toMatch(/^type = "ui_extension"$/m);
      const targets = [...toml.matchAll(/^module = "(.+)"\ntarget = "(.+)"$/gm)];
      expect(targets.length).toBeGreaterThan(0);
      for (const [, module, target] of targets) {
        const source = read(name, module!);
        expect(source).toContain(`extension('${target}'`);
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

describe('extension bundles', () => {
  it('keeps the checkout extension under Shopify\'s 64 KB limit and the widget under 20 KB gzipped', async () => {
    const checkout = await bundleUiExtension(path.join(root, 'checkout-loyalty', 'src', 'index.ts'));
    expect(Buffer.byteLength(checkout)).toBeLessThan(64 * 1024);
    const widget = await bundleWidget();
    expect(gzipSync(widget).length).toBeLessThanOrEqual(20 * 1024);
  });

  it('has the committed widget asset built from the current source (run npm run build:extensions)', async () => {
    expect(read('theme-loyalty-widget', 'assets', 'loyalty-widget.js')).toBe(await bundleWidget());
  });
});
