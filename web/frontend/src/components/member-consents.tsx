// A member's consents: the current answer per consent type, the full history (who, when, how), and
// "Record a change" for staff at the front desk (POST /api/members/:id/consents, kept with the user).
import { Badge, Banner, BlockStack, Button, Card, ChoiceList, Collapsible, FormLayout, InlineStack, Modal, Select, SkeletonBodyText, Text, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import type { MemberConsents as MemberConsentsAnswer } from '../../../contracts/messaging-api';
import { showToast } from '../lib/toast';
import { ApiErrorBanner } from './api-error-banner';

const SOURCES = ['customer', 'staff', 'import', 'shopify'] as const;

export function MemberConsents({ memberId }: { memberId: string }) {
  const { t, formatDateTime } = useI18n();
  const path = `/api/members/${encodeURIComponent(memberId)}/consents`;
  const query = useApiQuery<MemberConsentsAnswer>(path);
  const [data, setData] = useState<MemberConsentsAnswer>();
  const [recording, setRecording] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  useEffect(() => {
    if (query.data) setData(query.data);
  }, [query.data]);

  const sourceLabel = (source: string | null) => (source && (SOURCES as readonly string[]).includes(source) ? t(`memberConsents.sources.${source}` as TranslationKey) : (source ?? ''));
  const nameOf = new Map((data?.consents ?? []).map((consent) => [consent.consentTypeId, consent.name]));

  return (
    <Card>
      <div data-testid="member-consents">
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {t('memberConsents.title')}
            </Text>
            {data && data.consents.length > 0 && (
              <Button variant="plain" onClick={() => setRecording(true)}>
                {t('memberConsents.record')}
              </Button>
            )}
          </InlineStack>
          {query.error && <ApiErrorBanner title={t('memberConsents.error')} error={query.error} onRetry={query.reload} />}
          {!data ? (
            query.loading && <SkeletonBodyText lines={3} />
          ) : data.consents.length === 0 ? (
            <Text as="p" tone="subdued">
              {t('memberConsents.noTypes')}
            </Text>
          ) : (
            <BlockStack gap="200" as="ul">
              {data.consents.map((consent) => (
                <li key={consent.consentTypeId} style={{ listStyle: 'none' }}>
                  <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                    <BlockStack gap="050">
                      <Text as="span">{consent.name}</Text>
                      <Text as="span" tone="subdued" variant="bodySm">
                        {consent.answered ? t('memberConsents.answeredBy', { source: sourceLabel(consent.source), date: formatDateTime(consent.occurredAt) }) : t('memberConsents.notAnswered')}
                      </Text>
                    </BlockStack>
                    <Badge tone={consent.granted ? 'success' : undefined}>{consent.granted ? t('memberConsents.granted') : t('memberConsents.refused')}</Badge>
                  </InlineStack>
                </li>
              ))}
            </BlockStack>
          )}
          {data && data.history.length > 0 && (
            <BlockStack gap="200">
              <InlineStack>
                <Button variant="plain" disclosure={historyOpen ? 'up' : 'down'} onClick={() => setHistoryOpen((open) => !open)} ariaExpanded={historyOpen} ariaControls="member-consent-history">
                  {t('memberConsents.history', { count: data.history.length })}
                </Button>
              </InlineStack>
              <Collapsible id="member-consent-history" open={historyOpen}>
                <BlockStack gap="200" as="ul">
                  {data.history.map((event) => (
                    <li key={event.id} style={{ listStyle: 'none' }}>
                      <BlockStack gap="050">
                        <Text as="span" variant="bodySm">
                          {t(event.granted ? 'memberConsents.historyGranted' : 'memberConsents.historyRefused', { name: nameOf.get(event.consentTypeId) ?? '—' })}
                        </Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {formatDateTime(event.occurredAt)} · {sourceLabel(event.source)}
                          {event.detail ? ` · ${event.detail}` : ''}
                        </Text>
                      </BlockStack>
                    </li>
                  ))}
                </BlockStack>
              </Collapsible>
            </BlockStack>
          )}
        </BlockStack>
      </div>
      {data && (
        <RecordConsentModal
          open={recording}
          path={path}
          consents={data.consents}
          onClose={() => setRecording(false)}
          onRecorded={(next) => {
            setData(next);
            setHistoryOpen(true);
          }}
        />
      )}
    </Card>
  );
}

function RecordConsentModal({
  open,
  path,
  consents,
  onClose,
  onRecorded,
}: {
  open: boolean;
  path: string;
  consents: MemberConsentsAnswer['consents'];
  onClose(): void;
  onRecorded(next: MemberConsentsAnswer): void;
}) {
  const { t } = useI18n();
  const [typeId, setTypeId] = useState('');
  const [granted, setGranted] = useState<'yes' | 'no'>('yes');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    if (!open) return;
    const first = consents[0];
    setTypeId(first?.consentTypeId ?? '');
    setGranted(first?.granted ? 'no' : 'yes');
    setNote('');
    setError(undefined);
  }, [open, consents]);

  const selected = consents.find((consent) => consent.consentTypeId === typeId);
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const next = await apiSend<MemberConsentsAnswer>('POST', path, { consentTypeId: typeId, granted: granted === 'yes', note: note.trim() });
      showToast(t('memberConsents.recorded'));
      onRecorded(next);
      onClose();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      onClose={saving ? () => undefined : onClose}
      title={t('memberConsents.recordTitle')}
      primaryAction={{ content: t('memberConsents.recordAction'), onAction: () => void save(), loading: saving, disabled: !typeId || note.length > 500 }}
      secondaryActions={[{ content: t('common.cancel'), onAction: onClose, disabled: saving }]}
    >
      <Modal.Section>
        <BlockStack gap="400">
          {error && (
            <Banner tone="critical" title={t('memberConsents.recordError')}>
              <p>{error.fromServer ? error.message : t(error.code === 'NETWORK' ? 'errors.network' : 'errors.generic')}</p>
            </Banner>
          )}
          <FormLayout>
            <Select
              label={t('memberConsents.type')}
              options={consents.map((consent) => ({ value: consent.consentTypeId, label: consent.name }))}
              value={typeId}
              onChange={(value) => {
                setTypeId(value);
                const consent = consents.find((item) => item.consentTypeId === value);
                setGranted(consent?.granted ? 'no' : 'yes');
              }}
              helpText={selected ? t('memberConsents.currently', { state: selected.granted ? t('memberConsents.granted') : t('memberConsents.refused') }) : undefined}
            />
            <ChoiceList
              title={t('memberConsents.answer')}
              choices={[
                { value: 'yes', label: t('memberConsents.answerYes') },
                { value: 'no', label: t('memberConsents.answerNo') },
              ]}
              selected={[granted]}
              onChange={([value]) => setGranted(value === 'no' ? 'no' : 'yes')}
            />
            <TextField
              label={t('memberConsents.note')}
              autoComplete="off"
              value={note}
              onChange={setNote}
              maxLength={500}
              showCharacterCount
              placeholder={t('memberConsents.notePlaceholder')}
              helpText={t('memberConsents.noteHelp')}
            />
          </FormLayout>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
