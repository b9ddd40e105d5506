// Serves the built admin UI. The API key goes into App Bridge's meta tag; in demo mode the App Bridge
// script (from Shopify's CDN, unreachable outside Shopify) is swapped for a local stand-in.
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

export const FRONTEND_DIST = path.resolve(__dirname, '../../frontend/dist');
const APP_BRIDGE_CDN = 'https://cdn.shopify.com/shopifycloud/app-bridge.js';
const APP_BRIDGE_STANDIN = path.resolve(__dirname, '../../frontend/demo/app-bridge-standin.js');

export function renderIndexHtml(template: string, options: { apiKey: string; demoMode: boolean }): string {
  const html = template.replaceAll('%SHOPIFY_API_KEY%', options.apiKey);
  return options.demoMode ? html.replace(APP_BRIDGE_CDN, '/demo/app-bridge.js') : html;
}

export function createAdminFrontendRouter(options: { apiKey: string; demoMode: boolean; distDir?: string }): Router {
  const distDir = options.distDir ?? FRONTEND_DIST;
  const router = Router();
  if (options.demoMode) {
    router.get('/demo/app-bridge.js', (_req, res) => {
      res.type('application/javascript').sendFile(APP_BRIDGE_STANDIN);
    });
  }
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  let indexHtml: string | undefined;
  router.get(/^\/(?!api\/|webhooks|proxy\/|ext\/|demo\/|healthz).*/, (req, res, next) => {
    if (req.path.includes('.') && !req.path.endsWith('.html')) {
      next();
      return;
    }
    if (indexHtml === undefined) {
      const file = path.join(distDir, 'index.html');
      if (!fs.existsSync(file)) {
        res.status(503).type('text/plain').send('The admin UI is not built yet: run `npm run build:frontend`.');
        return;
      }
      indexHtml = renderIndexHtml(fs.readFileSync(file, 'utf8'), options);
    }
    // Shopify admin frames the app; only it (and the shop) may.
    const shop = typeof req.query.shop === 'string' && /^[a-z0-9-]+\.myshopify\.com$/.test(req.query.shop) ? req.query.shop : '';
    res.setHeader('Content-Security-Policy', `frame-ancestors https://admin.shopify.com${shop ? ` https://${shop}` : ''}${options.demoMode ? " 'self'" : ''};`);
    res.type('html').send(indexHtml);
  });
  return router;
}
