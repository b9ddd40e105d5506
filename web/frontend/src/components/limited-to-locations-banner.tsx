// Tells a user limited to locations that the list or report in front of them shows only those
// locations' members (the server scopes it; this only says so). Nothing for everyone else.
import { Banner } from '@shopify/polaris';
import type { LocationView } from '../../../contracts/admin-api';
import { useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { useLocationName } from './location-name';

export function LimitedToLocationsBanner() {
  const { t } = useI18n();
  const { me } = useMe();
  const nameOf = useLocationName();
  const limitedTo = me?.locationIds ?? [];
  // GET /api/locations answers a limited user with their own locations only.
  const locations = useApiQuery<{ items: LocationView[] }>(limitedTo.length > 0 ? '/api/locations' : null);
  if (limitedTo.length === 0) return null;
  const names = limitedTo.map((id) => nameOf(locations.data?.items.find((location) => location.id === id) ?? { id, name: null }));
  return (
    <Banner tone="info">
      <p>{t('locations.limited', { locations: names.join(', ') })}</p>
    </Banner>
  );
}
