// "Test with a sample order": paste a booking app's line-item properties and see which appointment
// time the current (even unsaved) mapping reads from them.
import { Banner, BlockStack, Button, InlineStack, List, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { ApiError, apiSend, toApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { BookingPropertyConfig, ProgramSettings } from '../../../contracts/admin-api';
import { ApiErrorBanner } from './api-error-banner';

type Reading =
  | { status: 'ok'; start: string; end: string | null; source: string; allDay: boolean; notes: string[] }
  | { status: 'missing' }
  | { status: 'unparseable'; reason: string };

interface TestResult {
  reading: Reading;
  summary: string;
  timeZone: string;
}

export function parseProperties(text: string): Array<{ name: string; value: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const separator = line.search(/[:=]/);
      return separator < 0 ? { name: line, value: '' } : { name: line.slice(0, separator).trim(), value: line.slice(separator + 1).trim() };
    })
    .filter((property) => property.name !== '');
}

export function BookingSampleTest({ config, dateOrder }: { config: BookingPropertyConfig; dateOrder: ProgramSettings['dateOrder'] }) {
  const { t, formattingLocale } = useI18n();
  const [text, setText] = useState('');
  const [result, setResult] = useState<TestResult>();
  const [error, setError] = useState<ApiError>();
  const [inputError, setInputError] = useState<string>();
  const [testing, setTesting] = useState(false);

  const run = async () => {
    const properties = parseProperties(text);
    if (properties.length === 0) {
      setInputError(t('settings.booking.test.empty'));
      return;
    }
    setInputError(undefined);
    setError(undefined);
    setTesting(true);
    try {
      setResult(await apiSend<TestResult>('POST', '/api/settings/booking-properties/test', { properties: properties.slice(0, 50), config, dateOrder }));
    } catch (caught) {
      setError(toApiError(caught));
      setResult(undefined);
    } finally {
      setTesting(false);
    }
  };

  const format = (iso: string, timeZone: string, allDay: boolean) => {
    const options: Intl.DateTimeFormatOptions = allDay ? { dateStyle: 'full', timeZone } : { dateStyle: 'full', timeStyle: 'short', timeZone };
    try {
      return new Intl.DateTimeFormat(formattingLocale, options).format(new Date(iso));
    } catch {
      return iso;
    }
  };

  const reading = result?.reading;
  return (
    <BlockStack gap="300">
      <Text as="h3" variant="headingSm">
        {t('settings.booking.test.title')}
      </Text>
      <TextField
        label={t('settings.booking.test.label')}
        multiline={4}
        monospaced
        autoComplete="off"
        value={text}
        onChange={(value) => {
          setText(value);
          setInputError(undefined);
        }}
        placeholder={'Date: 14/03/2026\nTime: 14:30\nDuration: 60 min'}
        helpText={t('settings.booking.test.help')}
        error={inputError}
      />
      <InlineStack>
        <Button onClick={() => void run()} loading={testing}>
          {t('settings.booking.test.run')}
        </Button>
      </InlineStack>
      {error && <ApiErrorBanner title={t('settings.booking.test.error')} error={error} />}
      {reading?.status === 'ok' && result && (
        <Banner tone="success" title={t('settings.booking.test.found')}>
          <BlockStack gap="100">
            <p data-testid="booking-test-result">
              {reading.end ? `${format(reading.start, result.timeZone, reading.allDay)} – ${format(reading.end, result.timeZone, reading.allDay)}` : format(reading.start, result.timeZone, reading.allDay)}
            </p>
            <Text as="p" tone="subdued" variant="bodySm">
              {t('settings.booking.test.source', { source: reading.source, timeZone: result.timeZone })}
            </Text>
            {reading.notes.length > 0 && (
              <List>
                {reading.notes.map((note) => (
                  <List.Item key={note}>{note}</List.Item>
                ))}
              </List>
            )}
          </BlockStack>
        </Banner>
      )}
      {reading?.status === 'missing' && (
        <Banner tone="warning">
          <p>{t('settings.booking.test.missing')}</p>
        </Banner>
      )}
      {reading?.status === 'unparseable' && (
        <Banner tone="critical" title={t('settings.booking.test.unparseable')}>
          <p>{reading.reason}</p>
        </Banner>
      )}
    </BlockStack>
  );
}
