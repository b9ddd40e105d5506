// A small stand-in for Shopify's App Bridge 4 script (https://cdn.shopify.com/shopifycloud/app-bridge.js),
// served as /demo/app-bridge.js in demo mode and routed in for the CDN URL by browser tests, so the admin
// UI runs in a plain browser at localhost. It covers only what this app uses:
//   shopify.idToken()       GET /demo/session-token -> { token, shop, locale }; cached until 30 s before exp
//   shopify.config          { apiKey (from the meta tag), shop, locale (from that response) }
//   shopify.ready           resolves once config is filled in (or the token request failed)
//   shopify.toast.show()    a visible role=status message
//   shopify.loading(), shopify.saveBar.*, shopify.modal.*   harmless stand-ins
//   <ui-nav-menu>, <ui-title-bar>, <ui-save-bar>, <ui-modal>
(function () {
  'use strict';
  if (window.shopify) return;

  var REFRESH_MARGIN_MS = 30 * 1000;
  var pageLocale = new URLSearchParams(window.location.search).get('locale');
  var apiKeyMeta = document.querySelector('meta[name="shopify-api-key"]');

  var config = {
    apiKey: apiKeyMeta ? apiKeyMeta.getAttribute('content') || '' : '',
    shop: '',
    locale: pageLocale || 'en',
  };

  var cached = null; // { token, expiresAt }
  var inFlight = null;

  function expiryOf(token) {
    try {
      var payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var exp = JSON.parse(atob(payload)).exp;
      return typeof exp === 'number' ? exp * 1000 : 0;
    } catch (error) {
      return 0;
    }
  }

  function fetchToken() {
    var url = '/demo/session-token' + (pageLocale ? '?locale=' + encodeURIComponent(pageLocale) : '');
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('GET /demo/session-token answered ' + response.status);
        return response.json();
      })
      .then(function (body) {
        if (!body || typeof body.token !== 'string') throw new Error('GET /demo/session-token returned no token');
        if (typeof body.shop === 'string') config.shop = body.shop;
        // An explicit ?locale= on the page wins, as it does in the real admin URL.
        if (!pageLocale && typeof body.locale === 'string') config.locale = body.locale;
        cached = { token: body.token, expiresAt: expiryOf(body.token) };
        return body.token;
      });
  }

  function idToken() {
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > Date.now()) return Promise.resolve(cached.token);
    if (!inFlight) {
      inFlight = fetchToken().finally(function () {
        inFlight = null;
      });
    }
    return inFlight;
  }

  // ---- toast ---------------------------------------------------------------------------------------
  var toastRegion = null;
  var toastCounter = 0;

  function ensureToastRegion() {
    if (toastRegion && toastRegion.isConnected) return toastRegion;
    toastRegion = document.createElement('div');
    toastRegion.setAttribute('data-standin', 'toasts');
    toastRegion.style.cssText =
      'position:fixed;left:50%;bottom:24px;transform:translateX(-50%);display:flex;flex-direction:column;' +
      'gap:8px;align-items:center;z-index:2147483647;pointer-events:none;';
    document.body.appendChild(toastRegion);
    return toastRegion;
  }

  function showToast(message, opts) {
    var options = opts || {};
    var id = 'standin-toast-' + ++toastCounter;
    var toast = document.createElement('div');
    toast.id = id;
    toast.setAttribute('role', 'status');
    toast.setAttribute('aria-live', 'polite');
    toast.className = 'standin-toast' + (options.isError ? ' standin-toast--error' : '');
    toast.style.cssText =
      'pointer-events:auto;padding:10px 16px;border-radius:10px;font:500 14px/20px system-ui,sans-serif;' +
      'box-shadow:0 4px 12px rgba(0,0,0,.25);color:#fff;background:' + (options.isError ? '#8e1f0b' : '#303030') + ';';
    toast.textContent = String(message);
    if (options.action) {
      var action = document.createElement('button');
      action.type = 'button';
      action.textContent = options.action;
      action.style.cssText = 'margin-left:12px;background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit;';
      action.addEventListener('click', function () {
        if (typeof options.onAction === 'function') options.onAction();
      });
      toast.appendChild(action);
    }
    ensureToastRegion().appendChild(toast);
    window.setTimeout(function () {
      hideToast(id);
      if (typeof options.onDismiss === 'function') options.onDismiss();
    }, typeof options.duration === 'number' ? options.duration : 5000);
    return id;
  }

  function hideToast(id) {
    var toast = document.getElementById(id);
    if (toast) toast.remove();
  }

  // ---- custom elements -----------------------------------------------------------------------------
  var style = document.createElement('style');
  style.textContent =
    'ui-title-bar,ui-save-bar{display:none}' +
    // The admin's own navigation lives outside the app: on a phone-width window it scrolls on its own
    // instead of widening the page.
    'ui-nav-menu{display:flex;gap:4px;align-items:center;padding:8px 16px;background:#1a1a1a;font:500 14px/20px system-ui,sans-serif;overflow-x:auto;max-width:100vw;box-sizing:border-box}' +
    'ui-nav-menu a{color:#e3e3e3;text-decoration:none;padding:4px 10px;border-radius:8px;white-space:nowrap}' +
    'ui-nav-menu a:hover{background:#303030;color:#fff}' +
    'ui-nav-menu a[aria-current="page"]{background:#404040;color:#fff}' +
    'ui-modal{display:none}' +
    'ui-modal[open]{display:flex;position:fixed;inset:0;z-index:2147483646;align-items:center;justify-content:center;background:rgba(0,0,0,.5)}' +
    'ui-modal[open]>*{background:#fff;border-radius:12px;padding:16px;max-width:620px;width:90%}';
  document.head.appendChild(style);

  function define(name, ctor) {
    if (!window.customElements.get(name)) window.customElements.define(name, ctor);
  }

  // Marks the link for the current page and keeps an explicit ?locale= when navigating.
  class NavMenuElement extends HTMLElement {
    connectedCallback() {
      this.setAttribute('role', 'navigation');
      this.decorate();
      if (!this.observer) {
        this.observer = new MutationObserver(this.decorate.bind(this));
        this.observer.observe(this, { childList: true, subtree: true });
      }
    }
    disconnectedCallback() {
      if (this.observer) this.observer.disconnect();
      this.observer = null;
    }
    decorate() {
      var links = this.querySelectorAll('a[href]');
      for (var i = 0; i < links.length; i++) {
        var link = links[i];
        var url = new URL(link.getAttribute('href'), window.location.href);
        if (pageLocale && !url.searchParams.has('locale')) {
          url.searchParams.set('locale', pageLocale);
          link.setAttribute('href', url.pathname + url.search + url.hash);
        }
        if (url.pathname === window.location.pathname) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    }
  }

  class TitleBarElement extends HTMLElement {}
  class SaveBarElement extends HTMLElement {
    show() { this.setAttribute('open', ''); return Promise.resolve(); }
    hide() { this.removeAttribute('open'); return Promise.resolve(); }
    toggle() { return this.hasAttribute('open') ? this.hide() : this.show(); }
    get showing() { return this.hasAttribute('open'); }
  }
  class ModalElement extends HTMLElement {
    show() { this.setAttribute('open', ''); this.dispatchEvent(new Event('show')); return Promise.resolve(); }
    hide() { this.removeAttribute('open'); this.dispatchEvent(new Event('hide')); return Promise.resolve(); }
    toggle() { return this.hasAttribute('open') ? this.hide() : this.show(); }
    get open() { return this.hasAttribute('open'); }
  }

  define('ui-nav-menu', NavMenuElement);
  define('ui-title-bar', TitleBarElement);
  define('ui-save-bar', SaveBarElement);
  define('ui-modal', ModalElement);

  function byId(id) {
    return document.getElementById(id);
  }

  // ---- the global ----------------------------------------------------------------------------------
  var ready = idToken().then(
    function () {},
    function (error) {
      console.warn('[app-bridge stand-in] could not fetch a demo session token:', error.message);
    },
  );

  window.shopify = {
    config: config,
    origin: window.location.origin,
    ready: ready,
    get locale() { return config.locale; },
    get shop() { return config.shop; },
    environment: { embedded: false, mobile: false, pos: false },
    idToken: idToken,
    toast: { show: showToast, hide: hideToast },
    loading: function () {},
    saveBar: {
      show: function (id) { var el = byId(id); return el && el.show ? el.show() : Promise.resolve(); },
      hide: function (id) { var el = byId(id); return el && el.hide ? el.hide() : Promise.resolve(); },
      toggle: function (id) { var el = byId(id); return el && el.toggle ? el.toggle() : Promise.resolve(); },
      leaveConfirmation: function () { return Promise.resolve(); },
    },
    modal: {
      show: function (id) { var el = byId(id); return el && el.show ? el.show() : Promise.resolve(); },
      hide: function (id) { var el = byId(id); return el && el.hide ? el.hide() : Promise.resolve(); },
      toggle: function (id) { var el = byId(id); return el && el.toggle ? el.toggle() : Promise.resolve(); },
    },
  };
})();
