// Compose a bulk message (/messages/bulk/new): audience (groups or all members), channels, the content per
// language, a live preview with the recipients after consent and channel filtering, the SMS segments and
// the estimated cost, a test to myself, then a confirmation step that sends now or at a chosen time.
import { Banner, BlockStack, Box, Button, Card, ChoiceList, FormLayout, InlineStack, Layout, List, Modal, Page, Tabs, Text, TextField } from '@shopify/polaris';
import { useEffect, useMemo, useState } from 'react';
import {
  BULK_MESSAGE_VARIABLES,
  type BulkAudiencesView,
  type BulkMessageDetail,
  type BulkMessageDraft,
  type BulkPreviewResponse,
  type MessageChannelChoice,
  type SmsPricingView,
} from '../../../contracts/bulk-messages-api';
import { MESSAGE_LANGUAGES, type MessageLanguage, type MessageTemplate } from '../../../contracts/messaging-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { useBulkLabels } from '../components/bulk-message-labels';
import { EmailServerBanner } from '../components/email-server-banner';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { TranslationKey } from '../i18n';
import { showToast } from '../lib/toast';
import { useDebounced } from '../lib/use-debounced';
import { navigate } from '../router';

const EMPTY_TEMPLATE: MessageTemplate = { subject: '', html: '', text: '', sms: '' };

function shopLanguage(locale: string | undefined): MessageLanguage {
  const base = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (MESSAGE_LANGUAGES as readonly string[]).includes(base) ? (base as MessageLanguage) : 'en';
}

export function BulkMessageComposePage() {
  const { t, formatNumber, formatMoney, formatDateTime } = useI18n();
  const { me, permissions } = useMe();
  const labels = useBulkLabels();
  const primary = shopLanguage(me?.shop.locale);
  const audiences = useApiQuery<BulkAudiencesView>('/api/bulk-messages/audiences');
  const pricing = useApiQuery<SmsPricingView>('/api/settings/sms-pricing');

  const [name, setName] = useState('');
  const [channels, setChannels] = useState<MessageChannelChoice>('email');
  const [allMembers, setAllMembers] = useState(true);
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [content, setContent] = useState<Partial<Record<MessageLanguage, MessageTemplate>>>({ [primary]: EMPTY_TEMPLATE });
  const [language, setLanguage] = useState<MessageLanguage>(primary);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [runAt, setRunAt] = useState('');
  const [price, setPrice] = useState<string>();
  const [testTo, setTestTo] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const draft: BulkMessageDraft = useMemo(() => ({ name: name.trim() || '—', audience: { allMembers, groupIds }, channels, content }), [name, allMembers, groupIds, channels, content]);
  const debounced = useDebounced(JSON.stringify({ ...draft, language }), 400);
  const [preview, setPreview] = useState<BulkPreviewResponse>();
  useEffect(() => {
    let current = true;
    apiSend<BulkPreviewResponse>('POST', '/api/bulk-messages/preview', JSON.parse(debounced)).then(
      (answer) => current && setPreview(answer),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [debounced, pricing.data]);

  const languages = MESSAGE_LANGUAGES.filter((lang) => content[lang]);
  const template = content[language] ?? EMPTY_TEMPLATE;
  const edit = (field: keyof MessageTemplate) => (value: string) => setContent((previous) => ({ ...previous, [language]: { ...(previous[language] ?? EMPTY_TEMPLATE), [field]: value } }));
  const languageName = (lang: MessageLanguage) => t(`templates.languages.${lang}` as TranslationKey);
  const useEmail = channels !== 'sms';
  const useSms = channels !== 'email';
  const runAtIso = when === 'later' && runAt !== '' ? new Date(runAt).toISOString() : null;
  const fieldLabels: Record<string, string> = { subject: t('bulkMessages.compose.subject'), html: t('bulkMessages.compose.html'), text: t('bulkMessages.compose.text'), sms: t('bulkMessages.compose.sms') };
  const problems = [
    ...(name.trim() === '' ? [t('bulkMessages.problems.NAME')] : []),
    ...(preview?.problems ?? []).map((problem) => {
      const known = ['AUDIENCE', 'PRIMARY_LANGUAGE', 'REQUIRED', 'UNKNOWN_VARIABLE', 'SUBJECT_MULTILINE', 'SMS_TOO_LONG'].includes(problem.code);
      if (!known) return problem.message;
      const lang = (MESSAGE_LANGUAGES as readonly string[]).includes(problem.language) ? languageName(problem.language as MessageLanguage) : problem.language;
      return t(`bulkMessages.problems.${problem.code}` as TranslationKey, { language: lang, field: fieldLabels[problem.field] ?? problem.field, variable: problem.variable ?? '' });
    }),
  ];
  const canConfirm = preview !== undefined && problems.length === 0 && (when === 'now' || runAtIso !== null);
  const review = () => {
    setTried(true);
    if (canConfirm) setConfirming(true);
  };
  const currency = pricing.data?.pricePerSegment.currency ?? me?.shop.currency ?? 'EUR';

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await apiSend<BulkMessageDetail>('POST', '/api/bulk-messages', { ...draft, name: name.trim(), runAt: runAtIso, confirm: true });
      showToast(t('bulkMessages.compose.created', { name: created.name }));
      navigate(`/messages/bulk/${created.id}`);
    } catch (caught) {
      setError(toApiError(caught));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  const sendTest = async () => {
    setBusy(true);
    try {
      const result = await apiSend<{ ok: boolean; failure?: { reason: string } }>('POST', '/api/bulk-messages/test', { ...draft, language, to: testTo.trim() });
      showToast(result.ok ? t('bulkMessages.compose.testSent', { to: testTo.trim() }) : t('bulkMessages.compose.testFailed', { reason: result.failure?.reason ?? '' }), { isError: !result.ok });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const savePrice = async () => {
    const minor = Math.round(Number((price ?? '0').replace(',', '.')) * 100);
    if (!Number.isFinite(minor) || minor < 0) return;
    await apiSend('PUT', '/api/settings/sms-pricing', { pricePerSegmentMinor: minor, currency }).then(
      () => {
        showToast(t('bulkMessages.compose.priceSaved'));
        pricing.reload();
      },
      (caught: unknown) => setError(toApiError(caught)),
    );
  };

  const groups = audiences.data?.groups ?? [];
  const recipients = preview?.recipients;
  return (
    <Page title={t('bulkMessages.compose.title')} backAction={{ content: t('bulkMessages.title'), onAction: () => navigate('/messages/bulk') }} primaryAction={{ content: t('bulkMessages.compose.review'), disabled: !permissions.bulkAdjust, onAction: review }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!permissions.bulkAdjust && (
              <Banner tone="info">
                <p>{t('bulkMessages.readOnly')}</p>
              </Banner>
            )}
            {channels !== 'sms' && <EmailServerBanner />}
            {error && <ApiErrorBanner title={t('bulkMessages.compose.title')} error={error} />}
            <Card>
              <FormLayout>
                <TextField label={t('bulkMessages.compose.name')} helpText={t('bulkMessages.compose.nameHelp')} value={name} onChange={setName} autoComplete="off" maxLength={120} />
                <ChoiceList
                  title={t('bulkMessages.audience.label')}
                  choices={[
                    { label: t('bulkMessages.audience.allMembers'), value: 'all' },
                    { label: t('bulkMessages.audience.groupsLabel'), value: 'groups', disabled: groups.length === 0 },
                  ]}
                  selected={[allMembers ? 'all' : 'groups']}
                  onChange={([value]) => setAllMembers(value !== 'groups')}
                />
                {!allMembers && (
                  <ChoiceList
                    allowMultiple
                    title={t('bulkMessages.audience.groupsLabel')}
                    titleHidden
                    choices={groups.map((group) => ({ label: group.name, value: group.id, helpText: t('bulkMessages.audience.members', { count: formatNumber(group.memberCount) }) }))}
                    selected={groupIds}
                    onChange={setGroupIds}
                  />
                )}
                {groups.length === 0 && (
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t('bulkMessages.audience.noGroups')}
                  </Text>
                )}
                <ChoiceList
                  title={t('bulkMessages.compose.channels')}
                  choices={(['email', 'sms', 'both'] as const).map((value) => ({ label: labels.channels(value), value }))}
                  selected={[channels]}
                  onChange={([value]) => setChannels((value as MessageChannelChoice | undefined) ?? 'email')}
                />
              </FormLayout>
            </Card>
            <Card padding="0">
              <Tabs
                tabs={languages.map((lang) => ({ id: `lang-${lang}`, content: languageName(lang), panelID: 'bulk-content' }))}
                selected={Math.max(0, languages.indexOf(language))}
                onSelect={(index) => setLanguage(languages[index] ?? primary)}
              />
              <Box padding="400" id="bulk-content">
                <FormLayout>
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t('bulkMessages.compose.languagesHelp', { language: languageName(primary) })}
                  </Text>
                  {useEmail && (
                    <>
                      <TextField label={t('bulkMessages.compose.subject')} value={template.subject} onChange={edit('subject')} autoComplete="off" />
                      <TextField label={t('bulkMessages.compose.html')} value={template.html} onChange={edit('html')} multiline={6} autoComplete="off" monospaced />
                      <TextField label={t('bulkMessages.compose.text')} value={template.text} onChange={edit('text')} multiline={4} autoComplete="off" />
                    </>
                  )}
                  {useSms && (
                    <TextField
                      label={t('bulkMessages.compose.sms')}
                      value={template.sms}
                      onChange={edit('sms')}
                      multiline={3}
                      autoComplete="off"
                      helpText={preview ? t('bulkMessages.compose.smsCounter', { characters: [...template.sms].length, segments: preview.smsSegments.segments, encoding: preview.smsSegments.encoding }) : undefined}
                    />
                  )}
                  <Text as="p" tone="subdued" variant="bodySm">
                    {t('bulkMessages.compose.variables', { variables: BULK_MESSAGE_VARIABLES.map((v) => `%${v}%`).join(', ') })}
                  </Text>
                  <InlineStack gap="200" wrap>
                    {MESSAGE_LANGUAGES.filter((lang) => !content[lang]).map((lang) => (
                      <Button key={lang} size="slim" onClick={() => {
                        setContent((previous) => ({ ...previous, [lang]: { ...(previous[primary] ?? EMPTY_TEMPLATE) } }));
                        setLanguage(lang);
                      }}>
                        {t('bulkMessages.compose.addLanguage', { language: languageName(lang) })}
                      </Button>
                    ))}
                    {language !== primary && (
                      <Button size="slim" tone="critical" variant="plain" onClick={() => {
                        setContent((previous) => Object.fromEntries(Object.entries(previous).filter(([lang]) => lang !== language)));
                        setLanguage(primary);
                      }}>
                        {t('bulkMessages.compose.removeLanguage', { language: languageName(language) })}
                      </Button>
                    )}
                  </InlineStack>
                </FormLayout>
              </Box>
            </Card>
            <Card>
              <FormLayout>
                <ChoiceList title={t('bulkMessages.compose.when')} choices={[{ label: t('bulkMessages.compose.now'), value: 'now' }, { label: t('bulkMessages.compose.later'), value: 'later' }]} selected={[when]} onChange={([value]) => setWhen(value === 'later' ? 'later' : 'now')} />
                {when === 'later' && <TextField label={t('bulkMessages.compose.runAt')} type="datetime-local" value={runAt} onChange={setRunAt} autoComplete="off" />}
              </FormLayout>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t('bulkMessages.compose.preview', { language: languageName(language) })}
                </Text>
                {recipients && (
                  <BlockStack gap="100">
                    <Text as="p" fontWeight="semibold">
                      {t('bulkMessages.compose.recipients', { reachable: formatNumber(recipients.reachable), audience: formatNumber(recipients.audience), email: formatNumber(recipients.email), sms: formatNumber(recipients.sms) })}
                    </Text>
                    {Object.entries(recipients.skipped).map(([reason, count]) => (
                      <Text as="p" key={reason} tone="subdued" variant="bodySm">
                        {t('bulkMessages.compose.notReached', { count: formatNumber(count), reason: labels.reason(reason) })}
                      </Text>
                    ))}
                  </BlockStack>
                )}
                {preview && useSms && (
                  <Text as="p" variant="bodySm">
                    {preview.cost.pricePerSegment.amountMinor > 0
                      ? t('bulkMessages.compose.cost', { segments: formatNumber(preview.cost.segments), total: formatMoney(preview.cost.total.amountMinor, preview.cost.total.currency), price: formatMoney(preview.cost.pricePerSegment.amountMinor, preview.cost.pricePerSegment.currency) })
                      : t('bulkMessages.compose.costFree', { segments: formatNumber(preview.cost.segments) })}
                  </Text>
                )}
                {tried && problems.length > 0 && (
                  <Banner tone="warning" title={t('bulkMessages.compose.problems')}>
                    <List>
                      {problems.map((problem, index) => (
                        <List.Item key={index}>{problem}</List.Item>
                      ))}
                    </List>
                  </Banner>
                )}
                {preview && useEmail && (
                  <BlockStack gap="200">
                    <Text as="p" variant="bodySm" fontWeight="semibold">
                      {t('bulkMessages.compose.previewSubject', { subject: preview.subject })}
                    </Text>
                    {/* sandbox="" : no scripts, no forms, no navigation, a unique origin. */}
                    <iframe title={t('bulkMessages.compose.html')} sandbox="" srcDoc={preview.html} style={{ display: 'block', width: '100%', height: 280, border: '1px solid #e3e3e3', background: '#fff' }} />
                  </BlockStack>
                )}
                {preview && useSms && preview.sms !== '' && (
                  <Box background="bg-surface-secondary" padding="300" borderRadius="200">
                    <Text as="p">{preview.sms}</Text>
                  </Box>
                )}
              </BlockStack>
            </Card>
            {useSms && (
              <Card>
                <InlineStack gap="200" blockAlign="end" wrap={false}>
                  <TextField
                    label={t('bulkMessages.compose.pricePerSegment', { currency })}
                    type="number"
                    min={0}
                    step={0.01}
                    value={price ?? String((pricing.data?.pricePerSegment.amountMinor ?? 0) / 100)}
                    onChange={setPrice}
                    autoComplete="off"
                    disabled={!permissions.editSettings}
                  />
                  {permissions.editSettings && <Button onClick={() => void savePrice()}>{t('bulkMessages.compose.savePrice')}</Button>}
                </InlineStack>
              </Card>
            )}
            {useEmail && (
              <Card>
                <InlineStack gap="200" blockAlign="end" wrap={false}>
                  <TextField label={t('bulkMessages.compose.testTo')} type="email" value={testTo} onChange={setTestTo} autoComplete="email" />
                  <Button onClick={() => void sendTest()} disabled={busy || !/^[^@\s]+@[^@\s]+$/.test(testTo.trim())}>
                    {t('bulkMessages.compose.testSend')}
                  </Button>
                </InlineStack>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('bulkMessages.compose.confirmTitle')}
        primaryAction={{ content: when === 'later' ? t('bulkMessages.compose.confirmScheduleButton') : t('bulkMessages.compose.confirmSend'), onAction: () => void send(), loading: busy }}
        secondaryActions={[{ content: t('common.cancel'), onAction: () => setConfirming(false) }]}
      >
        <Modal.Section>
          <BlockStack gap="200">
            <Text as="p">{t('bulkMessages.compose.confirmBody', { reachable: formatNumber(recipients?.reachable ?? 0), name: name.trim(), channels: labels.channels(channels) })}</Text>
            {preview && useSms && preview.cost.pricePerSegment.amountMinor > 0 && (
              <Text as="p">{t('bulkMessages.compose.cost', { segments: formatNumber(preview.cost.segments), total: formatMoney(preview.cost.total.amountMinor, preview.cost.total.currency), price: formatMoney(preview.cost.pricePerSegment.amountMinor, preview.cost.pricePerSegment.currency) })}</Text>
            )}
            <Text as="p" tone="subdued">
              {when === 'later' && runAtIso ? t('bulkMessages.compose.confirmSchedule', { time: formatDateTime(runAtIso) }) : t('bulkMessages.compose.confirmNow')}
            </Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Page>
  );
}
