// A stand-in for a Shopify storefront, for driving the theme widget in a real browser: serves a page
// with the markup our Liquid blocks render and the widget's asset, and forwards /apps/loyalty/* to
// the app's /proxy/* the way Shopify's app proxy does — adding shop, logged_in_customer_id,
// path_prefix and timestamp, signed with the app secret (the simulator's signAppProxyQuery).
// "Signing in" is a cookie naming the customer, as Shopify's own session cookie would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAppProxyQuery } from '../simulator/app-proxy-signature';

export interface StorefrontOptions {
  appUrl: string;
  shop: string;
  apiSecret: string;
  widgetJs: string;
  widgetCss: string;
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** What blocks/rewards-section.liquid and blocks/loyalty-launcher.liquid render, with the same attributes. */
export function storefrontPage(options: { locale: string; signedIn: boolean; title: string }): string {
  const common = `data-proxy="/apps/loyalty" data-locale="${escapeHtml(options.locale)}" data-signed-in="${options.signedIn}" data-login-url="/account/login" data-storefront-token=""`;
  return `<!doctype html>
<html lang="${escapeHtml(options.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Rewards</title>
<link rel="stylesheet" href="/assets/loyalty-widget.css">
<script>window.Shopify = { locale: ${JSON.stringify(options.locale)}, shop: "demo" };</script>
<style>body{font-family:system-ui,sans-serif;margin:0}header{padding:16px;background:#f4f1ec}footer{padding:16px;background:#eee}</style>
</head>
<body>
<header><strong>Demo Salon &amp; Studio</strong></header>
<main>
<section class="slw slw--section" aria-labelledby="slw-main-title" data-loyalty-widget data-mode="section" ${common}
  style="--slw-accent:#1f5f4a;--slw-on-accent:#ffffff;--slw-text:#1a1a1a;--slw-min-height:420px;">
  <h2 id="slw-main-title">${escapeHtml(options.title)}</h2>
  <div class="slw-body" data-slw-body aria-busy="true"></div>
</section>
</main>
<footer data-testid="footer">Footer</footer>
<div class="slw slw--launcher slw--right" data-loyalty-widget data-mode="launcher" ${common}
  style="--slw-accent:#1f5f4a;--slw-on-accent:#ffffff;--slw-text:#1a1a1a;--slw-bg:#ffffff;">
  <button type="button" class="slw-launcher" data-slw-launcher aria-haspopup="dialog" aria-expanded="false" aria-controls="slw-embed-dialog">${escapeHtml(options.title)}</button>
  <div class="slw-dialog" id="slw-embed-dialog" data-slw-dialog role="dialog" aria-modal="true" aria-labelledby="slw-embed-title" hidden>
    <div class="slw-dialog__header"><h2 id="slw-embed-title" tabindex="-1">${escapeHtml(options.title)}</h2>
    <button type="button" class="slw-close" data-slw-close aria-label="Close">&times;</button></div>
    <div class="slw-body" data-slw-body></div>
  </div>
</div>
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
      } else if (url.pathname === '/pages/rewards') {
        const locale = url.searchParams.get('locale') ?? 'en';
        const title = ({ pl: 'Nagrody', nl: 'Beloningen', uk: 'Винагороди', da: 'Belønninger' } as Record<string, string>)[locale] ?? 'Rewards';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(storefrontPage({ locale, signedIn: customerOf(req) !== '', title }));
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
