// The shop's currency: from /api/me when it has loaded, else from the dashboard answer (older
// servers), else EUR so forms still render.
import { useApiQuery } from './use-api';
import { useMe } from './use-me';

export function useShopCurrency(): string {
  const { me } = useMe();
  const fallback = useApiQuery<{ shop: { currency: string } }>(me ? null : '/api/dashboard');
  return me?.shop.currency ?? fallback.data?.shop.currency ?? 'EUR';
}
