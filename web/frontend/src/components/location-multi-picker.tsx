// Picks any number of the shop's locations by name (GET /api/locations), e.g. the locations a staff
// user is limited to. No choice means every location.
import { Box, Button, ChoiceList, Popover, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { LocationView } from '../../../contracts/admin-api';
import { useI18n } from '../hooks/use-i18n';
import { useLocationName } from './location-name';

export function LocationMultiPicker({ label, value, locations, onChange }: { label: string; value: string[]; locations: LocationView[]; onChange(value: string[]): void }) {
  const { t, formatNumber } = useI18n();
  const nameOf = useLocationName();
  const [open, setOpen] = useState(false);
  const chosen = value.map((id) => locations.find((location) => location.id === id) ?? { id, name: null, city: '', active: true, deleted: false });
  const summary = chosen.length === 0 ? t('locations.picker.all') : chosen.length <= 2 ? chosen.map(nameOf).join(', ') : t('locations.picker.count', { count: formatNumber(chosen.length) });
  const choices = [...locations.filter((location) => !location.deleted || value.includes(location.id))].map((location) => ({
    value: location.id,
    label: nameOf(location),
    helpText: [location.city, !location.active ? t('locations.picker.inactive') : '', location.deleted ? t('locations.picker.deleted') : ''].filter(Boolean).join(' · ') || undefined,
  }));
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      preferredAlignment="left"
      activator={
        <Button disclosure onClick={() => setOpen((current) => !current)} accessibilityLabel={`${label}: ${summary}`}>
          {summary}
        </Button>
      }
    >
      <Box padding="300" minWidth="240px">
        {choices.length === 0 ? (
          <Text as="p" tone="subdued">
            {t('locations.picker.none')}
          </Text>
        ) : (
          <ChoiceList title={label} titleHidden allowMultiple choices={choices} selected={value} onChange={onChange} />
        )}
      </Box>
    </Popover>
  );
}
