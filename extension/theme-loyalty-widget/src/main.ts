// Entry of assets/loyalty-widget.js: finds the widget elements the Liquid blocks render and starts
// one widget for each. The language follows the storefront (Shopify.locale, then <html lang>).
import { createTranslator, resolveLocale } from '../../shared/translate';
import { createProxyClient, type FetchLike } from './proxy-client';
import { LoyaltyWidget, wireLauncher } from './widget';

function start(root: HTMLElement): void {
  if (root.dataset.slwReady) return;
  root.dataset.slwReady = '1';
  const body = root.querySelector<HTMLElement>('[data-slw-body]');
  if (!body) return;
  const shopifyLocale = (window as unknown as { Shopify?: { locale?: string } }).Shopify?.locale;
  const tr = createTranslator(resolveLocale(root.dataset.locale, shopifyLocale, document.documentElement.lang));
  const fetchImpl = window.fetch.bind(window) as unknown as FetchLike;
  const client = createProxyClient({ base: root.dataset.proxy || '/apps/loyalty', fetch: fetchImpl });
  const widget = new LoyaltyWidget(body, client, tr, {
    signedIn: root.dataset.signedIn === 'true',
    loginUrl: root.dataset.loginUrl || '/account/login',
    storefrontToken: root.dataset.storefrontToken || '',
  }, fetchImpl);
  if (root.dataset.mode === 'launcher') {
    wireLauncher(root, widget, tr);
  } else {
    void widget.load();
  }
}

function startAll(): void {
  document.querySelectorAll<HTMLElement>('[data-loyalty-widget]').forEach(start);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
else startAll();
// The theme editor re-renders sections in place.
document.addEventListener('shopify:section:load', startAll);
