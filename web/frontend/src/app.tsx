import { NavMenu } from '@shopify/app-bridge-react';
import { AppProvider, type AppProviderProps } from '@shopify/polaris';
import type { ComponentType } from 'react';
import { I18nContext } from './hooks/use-i18n';
import type { I18n } from './i18n';
import { DashboardPage } from './pages/dashboard-page';
import { NotFoundPage } from './pages/not-found-page';

// Client-side routing by path. Only pages that exist are listed here and in the nav menu.
const PAGES: Record<string, ComponentType> = {
  '/': DashboardPage,
};

export function pageForPath(pathname: string): ComponentType {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return PAGES[normalized] ?? NotFoundPage;
}

export function App({ i18n, polarisTranslations }: { i18n: I18n; polarisTranslations: AppProviderProps['i18n'] }) {
  const CurrentPage = pageForPath(window.location.pathname);
  return (
    <I18nContext.Provider value={i18n}>
      <AppProvider i18n={polarisTranslations}>
        <NavMenu>
          <a href="/" rel="home">
            {i18n.t('nav.dashboard')}
          </a>
        </NavMenu>
        <CurrentPage />
      </AppProvider>
    </I18nContext.Provider>
  );
}
