// Shopify-admin style date range: a button showing the range; a popover with presets and a two-month
// calendar. The range only changes when the merchant presses Apply.
import { BlockStack, Box, Button, DatePicker, InlineGrid, InlineStack, OptionList, Popover, TextField } from '@shopify/polaris';
import { CalendarIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { isoDate, lastDays, parseIsoDate, type DateRange } from '../lib/dates';

const PRESETS = [
  { id: 'today', days: 1 },
  { id: 'last7', days: 7 },
  { id: 'last30', days: 30 },
  { id: 'last90', days: 90 },
  { id: 'last365', days: 365 },
] as const;

export function presetRange(id: (typeof PRESETS)[number]['id']): DateRange {
  return lastDays(PRESETS.find((preset) => preset.id === id)?.days ?? 30);
}

export function DateRangePicker({ value, onChange, label }: { value: DateRange; onChange(range: DateRange): void; label?: string }) {
  const { t, formatDate } = useI18n();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<DateRange>(value);
  const start = parseIsoDate(draft.from) ?? new Date();
  const end = parseIsoDate(draft.to) ?? start;
  const [month, setMonth] = useState({ month: end.getMonth(), year: end.getFullYear() });

  const activePreset = PRESETS.find((preset) => {
    const range = lastDays(preset.days);
    return range.from === draft.from && range.to === draft.to;
  });

  const openPopover = () => {
    setDraft(value);
    const to = parseIsoDate(value.to) ?? new Date();
    setMonth({ month: to.getMonth(), year: to.getFullYear() });
    setOpen(true);
  };

  const valid = Boolean(parseIsoDate(draft.from) && parseIsoDate(draft.to) && draft.from <= draft.to);
  const buttonText = `${formatDate(parseIsoDate(value.from))} – ${formatDate(parseIsoDate(value.to))}`;

  return (
    <Popover
      active={open}
      autofocusTarget="none"
      preferredAlignment="left"
      preferInputActivator={false}
      fluidContent
      onClose={() => setOpen(false)}
      activator={
        <Button icon={CalendarIcon} onClick={openPopover} disclosure accessibilityLabel={label ? `${label}: ${buttonText}` : buttonText}>
          {buttonText}
        </Button>
      }
    >
      <Popover.Pane fixed>
        <InlineGrid columns={{ xs: '1fr', md: 'max-content max-content' }} gap="0">
          <Box maxWidth="200px" paddingBlockStart="200">
            <OptionList
              options={PRESETS.map((preset) => ({ value: preset.id, label: t(`dateRange.presets.${preset.id}` as TranslationKey) }))}
              selected={activePreset ? [activePreset.id] : []}
              onChange={([id]) => {
                const preset = PRESETS.find((candidate) => candidate.id === id);
                if (!preset) return;
                const range = lastDays(preset.days);
                setDraft(range);
                const to = parseIsoDate(range.to)!;
                setMonth({ month: to.getMonth(), year: to.getFullYear() });
              }}
            />
          </Box>
          <Box padding="400" maxWidth="600px">
            <BlockStack gap="400">
              <InlineStack gap="200" wrap={false}>
                <TextField
                  label={t('dateRange.from')}
                  type="date"
                  autoComplete="off"
                  value={draft.from}
                  onChange={(from) => setDraft((current) => ({ ...current, from }))}
                />
                <TextField
                  label={t('dateRange.to')}
                  type="date"
                  autoComplete="off"
                  value={draft.to}
                  onChange={(to) => setDraft((current) => ({ ...current, to }))}
                  error={draft.from && draft.to && draft.from > draft.to ? t('dateRange.invalid') : undefined}
                />
              </InlineStack>
              <DatePicker
                month={month.month}
                year={month.year}
                onMonthChange={(monthIndex, year) => setMonth({ month: monthIndex, year })}
                onChange={({ start: from, end: to }) => setDraft({ from: isoDate(from), to: isoDate(to ?? from) })}
                selected={{ start, end }}
                allowRange
                multiMonth
                disableDatesAfter={new Date()}
              />
            </BlockStack>
          </Box>
        </InlineGrid>
      </Popover.Pane>
      <Popover.Pane fixed>
        <Box padding="300" borderBlockStartWidth="025" borderColor="border">
          <InlineStack align="end" gap="200">
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button
              variant="primary"
              disabled={!valid}
              onClick={() => {
                onChange(draft);
                setOpen(false);
              }}
            >
              {t('common.apply')}
            </Button>
          </InlineStack>
        </Box>
      </Popover.Pane>
    </Popover>
  );
}
