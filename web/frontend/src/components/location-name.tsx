// A location as people know it: its name from Shopify, or "Location #123" while the sync has not named it.
import { useI18n } from '../hooks/use-i18n';

export function useLocationName(): (location: { id: string | null; name: string | null }) => string {
  const { t } = useI18n();
  return (location) =>
    location.name ?? (location.id === null ? t('locations.figures.online') : t('report.filters.locationLabel', { number: `#${location.id.replace(/^gid:\/\/shopify\/Location\//, '')}` }));
}
