import { NavMenu } from '@shopify/app-bridge-react';
import { AppProvider, type AppProviderProps } from '@shopify/polaris';
import { lazy, Suspense, useMemo, type ComponentType, type LazyExoticComponent } from 'react';
import { PageSkeleton } from './components/page-skeleton';
import { useApiQuery } from './hooks/use-api';
import { I18nContext } from './hooks/use-i18n';
import { MeContext, permissionsOf, type Me } from './hooks/use-me';
import type { I18n } from './i18n';
import type { PolarisTranslations } from './polaris-translations';
import { hrefFor, RouterLink, usePathname } from './router';

// Every page is its own chunk: the first screen loads Polaris, the shell and only the page it shows.
const DashboardPage = lazy(() => import('./pages/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const MembersPage = lazy(() => import('./pages/members-page').then((m) => ({ default: m.MembersPage })));
const MemberPage = lazy(() => import('./pages/member-page').then((m) => ({ default: m.MemberPage })));
const ProductsPage = lazy(() => import('./pages/products-page').then((m) => ({ default: m.ProductsPage })));
const ProductPage = lazy(() => import('./pages/product-page').then((m) => ({ default: m.ProductPage })));
const ReportPage = lazy(() => import('./pages/report-page').then((m) => ({ default: m.ReportPage })));
const SettingsPage = lazy(() => import('./pages/settings-page').then((m) => ({ default: m.SettingsPage })));
const BulkAdjustPage = lazy(() => import('./pages/bulk-adjust-page').then((m) => ({ default: m.BulkAdjustPage })));
const RewardsPage = lazy(() => import('./pages/rewards-page').then((m) => ({ default: m.RewardsPage })));
const MessagesPage = lazy(() => import('./pages/messages-page').then((m) => ({ default: m.MessagesPage })));
const StaffPage = lazy(() => import('./pages/staff-page').then((m) => ({ default: m.StaffPage })));
const MultipliersPage = lazy(() => import('./pages/multipliers-page').then((m) => ({ default: m.MultipliersPage })));
const GroupsPage = lazy(() => import('./pages/groups-page').then((m) => ({ default: m.GroupsPage })));
const GroupPage = lazy(() => import('./pages/group-page').then((m) => ({ default: m.GroupPage })));
const BookingsPage = lazy(() => import('./pages/bookings-page').then((m) => ({ default: m.BookingsPage })));
const CampaignsPage = lazy(() => import('./pages/campaigns-page').then((m) => ({ default: m.CampaignsPage })));
const BulkMessagesPage = lazy(() => import('./pages/bulk-messages-page').then((m) => ({ default: m.BulkMessagesPage })));
const BulkMessageComposePage = lazy(() => import('./pages/bulk-message-compose-page').then((m) => ({ default: m.BulkMessageComposePage })));
const BulkMessageDetailPage = lazy(() => import('./pages/bulk-message-detail-page').then((m) => ({ default: m.BulkMessageDetailPage })));
const DemoInboxPage = lazy(() => import('./pages/demo-inbox-page').then((m) => ({ default: m.DemoInboxPage })));
const OnboardingPage = lazy(() => import('./pages/onboarding-page').then((m) => ({ default: m.OnboardingPage })));
const NotFoundPage = lazy(() => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage })));

type PageComponent = LazyExoticComponent<ComponentType<{ params: Record<string, string> }>> | LazyExoticComponent<ComponentType>;

interface Route {
  pattern: RegExp;
  names: string[];
  page: PageComponent;
}

function route(path: string, page: PageComponent): Route {
  const names: string[] = [];
  const source = path.replace(/:(\w+)/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), names, page };
}

const ROUTES: Route[] = [
  route('/', DashboardPage),
  route('/members', MembersPage),
  route('/members/:memberId', MemberPage),
  route('/products', ProductsPage),
  route('/products/:productId', ProductPage),
  route('/groups', GroupsPage),
  route('/groups/new', GroupPage),
  route('/groups/:groupId', GroupPage),
  route('/report', ReportPage),
  route('/bookings', BookingsPage),
  route('/adjustments/bulk', BulkAdjustPage),
  route('/rewards', RewardsPage),
  route('/settings', SettingsPage),
  route('/settings/messages', MessagesPage),
  route('/settings/staff', StaffPage),
  route('/settings/multipliers', MultipliersPage),
  route('/campaigns', CampaignsPage),
  route('/messages/bulk', BulkMessagesPage),
  route('/messages/bulk/new', BulkMessageComposePage),
  route('/messages/bulk/:id', BulkMessageDetailPage),
  route('/messages/demo-inbox', DemoInboxPage),
  route('/onboarding', OnboardingPage),
];

export function matchRoute(pathname: string): { page: PageComponent; params: Record<string, string> } {
  const normalized = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(normalized);
    if (!match) continue;
    const params: Record<string, string> = {};
    candidate.names.forEach((name, index) => {
      params[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { page: candidate.page, params };
  }
  return { page: NotFoundPage, params: {} };
}

export function App({ i18n, polarisTranslations }: { i18n: I18n; polarisTranslations: PolarisTranslations }) {
  const pathname = usePathname();
  const { page: CurrentPage, params } = matchRoute(pathname);
  const meQuery = useApiQuery<Me>('/api/me');
  const me = meQuery.data;
  const meState = useMemo(() => ({ me, permissions: permissionsOf(me) }), [me]);
  const Page = CurrentPage as ComponentType<{ params: Record<string, string> }>;
  return (
    <I18nContext.Provider value={i18n}>
      <MeContext.Provider value={meState}>
        <AppProvider i18n={polarisTranslations} linkComponent={RouterLink}>
          <NavMenu>
            <a href={hrefFor('/')} rel="home">
              {i18n.t('nav.dashboard')}
            </a>
            <a href={hrefFor('/members')}>{i18n.t('nav.members')}</a>
            <a href={hrefFor('/groups')}>{i18n.t('nav.groups')}</a>
            <a href={hrefFor('/products')}>{i18n.t('nav.products')}</a>
            <a href={hrefFor('/report')}>{i18n.t('nav.report')}</a>
            <a href={hrefFor('/bookings')}>{i18n.t('nav.bookings')}</a>
            <a href={hrefFor('/rewards')}>{i18n.t('nav.rewards')}</a>
            <a href={hrefFor('/campaigns')}>{i18n.t('nav.campaigns')}</a>
            <a href={hrefFor('/adjustments/bulk')}>{i18n.t('nav.bulk')}</a>
            <a href={hrefFor('/onboarding')}>{i18n.t('nav.onboarding')}</a>
            <a href={hrefFor('/settings')}>{i18n.t('nav.settings')}</a>
            <a href={hrefFor('/settings/messages')}>{i18n.t('nav.messages')}</a>
            <a href={hrefFor('/messages/bulk')}>{i18n.t('nav.bulkMessages')}</a>
          </NavMenu>
          <Suspense fallback={<PageSkeleton />}>
            <Page key={pathname} params={params} />
          </Suspense>
        </AppProvider>
      </MeContext.Provider>
    </I18nContext.Provider>
  );
}
