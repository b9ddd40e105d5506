// A stand-in for a Shopify storefront, for driving the theme widget in a real browser: serves pages
// with our Liquid blocks rendered from their source and locales (liquidjs) and the widget's asset, and forwards /apps/loyalty/* to
// the app's /proxy/* the way Shopify's app proxy does — adding shop, logged_in_customer_id,
// path_prefix and timestamp, signed with the app secret (the simulator's signAppProxyQuery).
// "Signing in" is a cookie naming the customer, as Shopify's own session cookie would.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Liquid } from 'liquidjs';
import type { AddressInfo } from 'node:net';
import { signAppProxyQuery } from '../simulator/app-proxy-signature';

export interface StorefrontOptions {
  appUrl: string;
  shop: string;
  apiSecret: string;
  widgetJs: string;
  widgetCss: string;
  /** assets/loyalty-widget-member.js (tier and birthday), imported by the widget on demand; default: the committed asset */
  memberJs?: string;
}

export interface Storefront {
  url: string;
  /** Every request forwarded to the app: path and status */
  forwarded: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

function customerOf(req: http.IncomingMessage): string {
  const match = /(?:^|;\s*)storefront_customer=(\d+)/.exec(req.headers.cookie ?? '');
  return match?.[1] ?? '';
}

const THEME_EXTENSION = path.resolve(__dirname, '../../extension/theme-loyalty-widget');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A storefront locale file of the theme extension, as Shopify loads it (`en` is the default). */
function localeTexts(locale: string): Record<string, unknown> {
  const file = path.join(THEME_EXTENSION, 'locales', locale === 'en' ? 'en.default.json' : `${locale}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> : {};
}

/**
 * Renders one of our blocks with its real Liquid the way Shopify does: the block's settings with
 * their schema defaults, `t` looking the key up in the storefront language's locale file, then the
 * default one, and escaping what it returns.
 */
export function renderBlock(file: string, options: { locale: string; signedIn: boolean; blockId: string }): string {
  const source = fs.readFileSync(path.join(THEME_EXTENSION, 'blocks', file), 'utf8');
  const schema = JSON.parse(/\{% schema %\}([\s\S]*?)\{% endschema %\}/.exec(source)![1]!) as { settings: Array<{ id: string; default?: unknown }> };
  const settings = Object.fromEntries(schema.settings.map((setting) => [setting.id, setting.default ?? '']));
  const [texts, fallback] = [localeTexts(options.locale), localeTexts('en')];
  const lookup = (tree: Record<string, unknown>, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
  const engine = new Liquid();
  engine.registerFilter('asset_url', (file: string) => `/assets/${file}`);
  engine.registerFilter('t', (key: string) => {
    const value = lookup(texts, key) ?? lookup(fallback, key);
    return typeof value === 'string' ? escapeHtml(value) : `translation missing: ${options.locale}.${key}`;
  });
  return engine.parseAndRenderSync(source.replace(/\{% schema %\}[\s\S]*?\{% endschema %\}/, ''), {
    block: { id: options.blockId, settings },
    routes: { root_url: '/', account_login_url: '/account/login', account_register_url: '/account/register' },
    request: { locale: { iso_code: options.locale } },
    customer: options.signedIn ? { id: 1 } : null,
  });
}

/** A storefront page: the Rewards page (app block + app embed) or any other page (the app embed only). */
export function storefrontPage(options: { locale: string; signedIn: boolean; rewardsSection: boolean }): string {
  const block = (file: string, blockId: string) => renderBlock(file, { locale: options.locale, signedIn: options.signedIn, blockId });
  return `<!doctype html>
<html lang="${escapeHtml(options.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Demo Salon &amp; Studio</title>
<link rel="stylesheet" href="/assets/loyalty-widget.css">
<style>body{font-family:system-ui,sans-serif;margin:0}header{padding:16px;background:#f4f1ec}footer{padding:16px;background:#eee}p.intro{padding:16px;max-width:720px;margin:0 auto}</style>
</head>
<body>
<header><strong>Demo Salon &amp; Studio</strong></header>
<main>
${options.rewardsSection ? block('rewards-section.liquid', 'main') : '<p class="intro">Haircuts, colour and massages in the heart of town.</p>'}
</main>
<footer data-testid="footer">Footer</footer>
${block('loyalty-launcher.liquid', 'embed')}
<script src="/assets/loyalty-widget.js" defer></script>
</body></html>`;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startStorefront(options: StorefrontOptions): Promise<Storefront> {
  const forwarded: Storefront['forwarded'] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://storefront.test');
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (url.pathname === '/assets/loyalty-widget.js') {
        res.writeHead(200, { 'Content-Type': 'application/javascript' }).end(options.widgetJs);
      } else if (url.pathname === '/assets/loyalty-widget-member.js') {
        res.writeHead(200, { 'Content-Type': 'application/javascript' }).end(options.memberJs ?? fs.readFileSync(path.join(THEME_EXTENSION, 'assets', 'loyalty-widget-member.js'), 'utf8'));
      } else if (url.pathname === '/assets/loyalty-widget.css') {
        res.writeHead(200, { 'Content-Type': 'text/css' }).end(options.widgetCss);
      } else if (url.pathname.startsWith('/apps/loyalty/')) {
        // Shopify's app proxy: the storefront query plus its own signed parameters.
        const params: Record<string, string> = {};
        for (const [key, value] of url.searchParams) params[key] = value;
        const signed = signAppProxyQuery({
          ...params,
          shop: options.shop,
          logged_in_customer_id: customerOf(req),
          path_prefix: '/apps/loyalty',
          timestamp: String(Math.floor(Date.now() / 1000)),
        }, options.apiSecret);
        const target = `${options.appUrl}/proxy/${url.pathname.slice('/apps/loyalty/'.length)}?${new URLSearchParams(signed as Record<string, string>)}`;
        const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
        const headers: Record<string, string> = {};
        for (const name of ['content-type', 'idempotency-key', 'accept']) {
          const value = req.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const answer = await fetch(target, { method: req.method, headers, body });
        forwarded.push({ path: url.pathname, status: answer.status });
        res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
      } else if (url.pathname === '/pages/rewards' || url.pathname === '/') {
        const locale = url.searchParams.get('locale') ?? 'en';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(storefrontPage({ locale, signedIn: customerOf(req) !== '', rewardsSection: url.pathname !== '/' }));
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
    } catch (error) {
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
