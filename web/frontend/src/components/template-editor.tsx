// One template (event × language) at a time: subject, HTML, text and SMS, previewed live by the
// server exactly as a send would render it (POST …/preview with the unsaved draft). Unknown
// %variables% are shown on the field they are in, with the list the event allows.
import { Badge, Banner, BlockStack, Box, Button, Card, Divider, InlineGrid, InlineStack, Layout, Select, SkeletonBodyText, Text, TextField } from '@shopify/polaris';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import {
  MESSAGE_EVENTS,
  MESSAGE_LANGUAGES,
  type MessageEvent,
  type MessageLanguage,
  type MessageTemplate,
  type TemplateDetail,
  type TemplatePreview,
  type TemplateProblem,
  type TemplateSummary,
} from '../../../contracts/messaging-api';
import { showToast } from '../lib/toast';
import { useDebounced } from '../lib/use-debounced';
import { EventChannelSelect } from './event-channel-select';
import { ApiErrorBanner } from './api-error-banner';

const FIELDS = ['subject', 'html', 'text', 'sms'] as const;
type Field = (typeof FIELDS)[number];
const SMS_MAX_CHARACTERS = 300;

function sameTemplate(a: MessageTemplate, b: MessageTemplate): boolean {
  return FIELDS.every((field) => a[field] === b[field]);
}

function problemsOf(details: unknown): TemplateProblem[] | undefined {
  if (!details || typeof details !== 'object' || !('problems' in details)) return undefined;
  const problems = (details as { problems: unknown }).problems;
  return Array.isArray(problems) ? (problems as TemplateProblem[]) : undefined;
}


// Every event is sent now (points expiry and campaigns, issue 16), so every template is offered.
const EDITABLE_EVENTS = MESSAGE_EVENTS;

export function TemplateEditor({ readOnly }: { readOnly: boolean }) {
  const { t, locale, formatDateTime, formatNumber } = useI18n();
  const [event, setEvent] = useState<MessageEvent>('points_credited');
  const [language, setLanguage] = useState<MessageLanguage>((MESSAGE_LANGUAGES as readonly string[]).includes(locale) ? (locale as MessageLanguage) : 'en');
  const summaries = useApiQuery<{ items: TemplateSummary[] }>('/api/message-templates');
  const detailPath = `/api/message-templates/${event}/${language}`;
  const detail = useApiQuery<TemplateDetail>(detailPath);
  const [saved, setSaved] = useState<TemplateDetail>();
  const [draft, setDraft] = useState<MessageTemplate>();
  const [saving, setSaving] = useState<'save' | 'reset' | null>(null);
  const [saveError, setSaveError] = useState<ApiError>();
  const [serverProblems, setServerProblems] = useState<TemplateProblem[]>();
  const [confirmReset, setConfirmReset] = useState(false);

  useEffect(() => {
    if (detail.data && detail.data.event === event && detail.data.language === language) {
      setSaved(detail.data);
      setDraft(detail.data.template);
      setSaveError(undefined);
      setServerProblems(undefined);
      setConfirmReset(false);
    }
  }, [detail.data, event, language]);

  const current = saved && saved.event === event && saved.language === language ? saved : undefined;
  const dirty = Boolean(current && draft && !sameTemplate(current.template, draft));

  // The live preview: the server renders the draft after a short pause in typing.
  const debouncedDraft = useDebounced(draft, 350);
  const [preview, setPreview] = useState<TemplatePreview>();
  const [previewError, setPreviewError] = useState<ApiError>();
  const [previewLoading, setPreviewLoading] = useState(false);
  useEffect(() => {
    if (!debouncedDraft || !current) return undefined;
    const controller = new AbortController();
    setPreviewLoading(true);
    apiSend<TemplatePreview>('POST', `${detailPath}/preview`, { template: debouncedDraft }).then(
      (answer) => {
        if (controller.signal.aborted) return;
        setPreview(answer);
        setPreviewError(undefined);
        setPreviewLoading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setPreviewError(toApiError(error));
        setPreviewLoading(false);
      },
    );
    return () => controller.abort();
  }, [debouncedDraft, current, detailPath]);

  // Problems from the live preview (or, right after a refused save, from the server's answer).
  const problems = useMemo(() => serverProblems ?? preview?.validation.problems ?? [], [preview, serverProblems]);
  const allowed = current?.allowedVariables ?? preview?.validation.allowedVariables ?? [];
  const allowedList = allowed.map((name) => `%${name}%`).join(', ');

  const fieldError = (field: Field): string | undefined => {
    const own = problems.filter((problem) => problem.field === field);
    if (own.length === 0) return undefined;
    const unknown = own.filter((problem) => problem.code === 'UNKNOWN_VARIABLE').map((problem) => `%${problem.variable ?? ''}%`);
    const parts: string[] = [];
    if (unknown.length > 0) parts.push(t('templates.errors.unknownVariables', { variables: unknown.join(', '), allowed: allowedList }));
    for (const problem of own) {
      if (problem.code === 'REQUIRED') parts.push(t('templates.errors.required'));
      else if (problem.code === 'SUBJECT_MULTILINE') parts.push(t('templates.errors.subjectMultiline'));
      else if (problem.code === 'SMS_TOO_LONG') parts.push(t('templates.errors.smsTooLong', { length: formatNumber(problem.length ?? 0), max: formatNumber(problem.max ?? SMS_MAX_CHARACTERS) }));
      else if (problem.code !== 'UNKNOWN_VARIABLE') parts.push(problem.message);
    }
    return parts.join(' ');
  };

  const customizedOf = new Map((summaries.data?.items ?? []).map((item) => [`${item.event}/${item.language}`, item.customized]));
  const eventLabel = (value: string) => t(`messages.events.${value}` as TranslationKey);
  const languageLabel = (value: string) => t(`templates.languages.${value}` as TranslationKey);

  const save = async () => {
    if (!draft || readOnly) return;
    setSaving('save');
    setSaveError(undefined);
    setServerProblems(undefined);
    try {
      const next = await apiSend<TemplateDetail>('PUT', detailPath, draft);
      setSaved(next);
      setDraft(next.template);
      summaries.reload();
      showToast(t('templates.saved'));
    } catch (error) {
      const apiError = toApiError(error);
      const fromServer = problemsOf(apiError.details);
      if (fromServer) setServerProblems(fromServer);
      setSaveError(apiError);
    } finally {
      setSaving(null);
    }
  };

  const reset = async () => {
    setSaving('reset');
    setSaveError(undefined);
    try {
      const next = await apiSend<TemplateDetail>('DELETE', detailPath);
      setSaved(next);
      setDraft(next.template);
      setConfirmReset(false);
      summaries.reload();
      showToast(t('templates.resetDone'));
    } catch (error) {
      setSaveError(toApiError(error));
    } finally {
      setSaving(null);
    }
  };

  const switchTo = (nextEvent: MessageEvent, nextLanguage: MessageLanguage) => {
    if (dirty && !window.confirm(t('templates.discardQuestion'))) return;
    setEvent(nextEvent);
    setLanguage(nextLanguage);
    setPreview(undefined);
  };

  const set = (field: Field, value: string) => {
    setDraft((currentDraft) => (currentDraft ? { ...currentDraft, [field]: value } : currentDraft));
    setServerProblems(undefined);
  };

  const smsLength = draft ? [...draft.sms].length : 0;
  const segments = preview?.smsSegments;

  return (
    <Layout>
      <Layout.Section>
        <Card>
          <BlockStack gap="400">
            <InlineGrid columns={{ xs: 1, sm: 2 }} gap="300">
              <Select
                label={t('templates.event')}
                options={EDITABLE_EVENTS.map((value) => ({ value, label: eventLabel(value) }))}
                value={event}
                onChange={(value) => switchTo(value as MessageEvent, language)}
              />
              <Select
                label={t('templates.language')}
                options={MESSAGE_LANGUAGES.map((value) => ({
                  value,
                  label: customizedOf.get(`${event}/${value}`) ? `${languageLabel(value)} · ${t('templates.customized')}` : languageLabel(value),
                }))}
                value={language}
                onChange={(value) => switchTo(event, value as MessageLanguage)}
              />
            </InlineGrid>
            <EventChannelSelect event={event} readOnly={readOnly} />
            {detail.error && <ApiErrorBanner title={t('templates.loadError')} error={detail.error} onRetry={detail.reload} />}
            {!current || !draft ? (
              <SkeletonBodyText lines={10} />
            ) : (
              <BlockStack gap="400">
                <InlineStack gap="200" blockAlign="center">
                  {current.customized ? <Badge tone="info">{t('templates.customized')}</Badge> : <Badge>{t('templates.default')}</Badge>}
                  {current.updatedAt && (
                    <Text as="span" tone="subdued" variant="bodySm">
                      {t('templates.updatedAt', { date: formatDateTime(current.updatedAt) })}
                    </Text>
                  )}
                  {dirty && <Badge tone="attention">{t('templates.unsaved')}</Badge>}
                </InlineStack>
                {saveError && (
                  <Banner tone="critical" title={t('templates.saveError')} onDismiss={() => setSaveError(undefined)}>
                    <p>{serverProblems ? t('templates.errors.fixBelow') : saveError.fromServer ? saveError.message : t(saveError.code === 'NETWORK' ? 'errors.network' : 'errors.generic')}</p>
                  </Banner>
                )}
                <div data-testid="allowed-variables">
                  <BlockStack gap="100">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('templates.allowed')}
                    </Text>
                    <InlineStack gap="100">
                      {allowed.map((name) => (
                        <code key={name} style={{ fontSize: 12, padding: '1px 6px', borderRadius: 6, background: 'var(--p-color-bg-surface-secondary)', border: '1px solid var(--p-color-border)' }}>
                          %{name}%
                        </code>
                      ))}
                    </InlineStack>
                  </BlockStack>
                </div>
                <TextField label={t('templates.fields.subject')} autoComplete="off" value={draft.subject} onChange={(value) => set('subject', value)} error={fieldError('subject')} disabled={readOnly} maxLength={500} />
                <TextField
                  label={t('templates.fields.html')}
                  autoComplete="off"
                  multiline={10}
                  maxHeight={320}
                  monospaced
                  value={draft.html}
                  onChange={(value) => set('html', value)}
                  error={fieldError('html')}
                  disabled={readOnly}
                  helpText={t('templates.fields.htmlHelp')}
                />
                <TextField label={t('templates.fields.text')} autoComplete="off" multiline={6} maxHeight={240} value={draft.text} onChange={(value) => set('text', value)} error={fieldError('text')} disabled={readOnly} />
                <TextField
                  label={t('templates.fields.sms')}
                  autoComplete="off"
                  multiline={3}
                  value={draft.sms}
                  onChange={(value) => set('sms', value)}
                  error={fieldError('sms')}
                  disabled={readOnly}
                  helpText={t('templates.fields.smsHelp', { length: formatNumber(smsLength), max: formatNumber(SMS_MAX_CHARACTERS) })}
                />
                {!readOnly && (
                  <>
                    <Divider />
                    {confirmReset ? (
                      <Banner
                        tone="warning"
                        title={t('templates.resetQuestion')}
                        action={{ content: t('templates.resetConfirm'), onAction: () => void reset(), loading: saving === 'reset' }}
                        secondaryAction={{ content: t('common.cancel'), onAction: () => setConfirmReset(false) }}
                      >
                        <p>{t('templates.resetHelp')}</p>
                      </Banner>
                    ) : (
                      <InlineStack align="space-between" gap="200">
                        <InlineStack gap="200">
                          <Button onClick={() => setConfirmReset(true)} disabled={!current.customized || saving !== null}>
                            {t('templates.reset')}
                          </Button>
                          <Button onClick={() => setDraft(current.template)} disabled={!dirty || saving !== null}>
                            {t('common.discard')}
                          </Button>
                        </InlineStack>
                        <Button variant="primary" onClick={() => void save()} disabled={!dirty} loading={saving === 'save'}>
                          {t('templates.save')}
                        </Button>
                      </InlineStack>
                    )}
                  </>
                )}
              </BlockStack>
            )}
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <div data-testid="template-preview">
          <Card>
            <BlockStack gap="300">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  {t('templates.preview.title')}
                </Text>
                {previewLoading && (
                  <Text as="span" tone="subdued" variant="bodySm">
                    {t('templates.preview.updating')}
                  </Text>
                )}
              </InlineStack>
              <Text as="p" tone="subdued" variant="bodySm">
                {t('templates.preview.sample')}
              </Text>
              {previewError && <ApiErrorBanner title={t('templates.preview.error')} error={previewError} />}
              {!preview ? (
                <SkeletonBodyText lines={8} />
              ) : (
                <BlockStack gap="300">
                  <BlockStack gap="100">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('templates.fields.subject')}
                    </Text>
                    <div data-testid="preview-subject">
                      <Text as="p" fontWeight="semibold" breakWord>
                        {preview.subject}
                      </Text>
                    </div>
                  </BlockStack>
                  <BlockStack gap="100">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('templates.preview.email')}
                    </Text>
                    <Box borderWidth="025" borderColor="border" borderRadius="200" overflowX="hidden" overflowY="hidden">
                      {/* sandbox="" : no scripts, no forms, no navigation, a unique origin. */}
                      <iframe title={t('templates.preview.email')} sandbox="" srcDoc={preview.html} style={{ display: 'block', width: '100%', height: 380, border: 0, background: '#fff' }} />
                    </Box>
                  </BlockStack>
                  <BlockStack gap="100">
                    <Text as="span" variant="bodySm" tone="subdued">
                      {t('templates.fields.text')}
                    </Text>
                    <Box background="bg-surface-secondary" padding="200" borderRadius="200">
                      <pre data-testid="preview-text" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 12 }}>
                        {preview.text}
                      </pre>
                    </Box>
                  </BlockStack>
                  <BlockStack gap="100">
                    <InlineStack align="space-between" blockAlign="center">
                      <Text as="span" variant="bodySm" tone="subdued">
                        {t('templates.fields.sms')}
                      </Text>
                      {segments && segments.segments > 0 && (
                        <Badge tone={segments.segments > 1 ? 'attention' : undefined}>
                          {t('templates.preview.segments', { count: formatNumber(segments.segments), encoding: segments.encoding, characters: formatNumber(segments.characters) })}
                        </Badge>
                      )}
                    </InlineStack>
                    {preview.sms === '' ? (
                      <Text as="p" tone="subdued" variant="bodySm">
                        {t('templates.preview.noSms')}
                      </Text>
                    ) : (
                      <Box background="bg-surface-secondary" padding="200" borderRadius="200">
                        <p data-testid="preview-sms" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 13 }}>
                          {preview.sms}
                        </p>
                      </Box>
                    )}
                  </BlockStack>
                </BlockStack>
              )}
            </BlockStack>
          </Card>
        </div>
      </Layout.Section>
    </Layout>
  );
}
