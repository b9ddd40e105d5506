// Entry of assets/loyalty-widget.js: finds the widget elements the Liquid blocks render and starts
// one widget for each. Words come from the markup (Liquid's `t` filter, see texts.ts); numbers,
// money and dates are formatted for the storefront's locale.
import { createProxyClient, type FetchLike } from './proxy-client';
import { readTexts } from './texts';
import { wireLauncher } from './launcher';
import { createWidget, type WidgetConfig } from './widget';

function start(root: HTMLElement): void {
  const data = root.dataset;
  const body = root.querySelector<HTMLElement>('[data-slw-body]');
  if (data.slwReady || !body) return;
  data.slwReady = '1';
  const fetchImpl = window.fetch.bind(window) as unknown as FetchLike;
  const widget = createWidget(body, createProxyClient({ base: data.proxy!, fetch: fetchImpl }), readTexts(root, data.locale || 'en'),
    // The block's data attributes are the config (data-login-url → loginUrl …), with signedIn as a boolean.
    { ...data, signedIn: data.signedIn === 'true' } as unknown as WidgetConfig, fetchImpl);
  // The launcher loads nothing until it is opened; the section shows its content at once.
  if (data.mode === 'launcher') wireLauncher(root, widget);
  else void widget.load();
}

function startAll(): void {
  document.querySelectorAll<HTMLElement>('[data-loyalty-widget]').forEach(start);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
else startAll();
// The theme editor re-renders sections in place.
document.addEventListener('shopify:section:load', startAll);
