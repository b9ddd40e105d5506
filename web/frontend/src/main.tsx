import '@shopify/polaris/build/esm/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createI18n, detectLocaleTag } from './i18n';
import { loadPolarisTranslations } from './polaris-translations';

// App Bridge fills in config (locale, shop) asynchronously; don't let a missing or stuck script leave a
// blank page: after a short wait we render anyway and API calls report the problem.
async function appBridgeReady(timeoutMs: number): Promise<void> {
  const bridge = window.shopify as typeof window.shopify | undefined;
  if (!bridge?.ready) return;
  await Promise.race([bridge.ready, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}

async function start(): Promise<void> {
  await appBridgeReady(3000);
  const bridge = window.shopify as typeof window.shopify | undefined;
  const i18n = createI18n(detectLocaleTag(window.location.search, bridge?.config?.locale));
  document.documentElement.lang = i18n.locale;
  const polarisTranslations = await loadPolarisTranslations(i18n.locale);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <App i18n={i18n} polarisTranslations={polarisTranslations} />
    </StrictMode>,
  );
}

void start();
