// The shop's own SMTP server (GET/PUT/DELETE /api/settings/smtp) and a test e-mail through the
// settings in force (POST /api/settings/smtp/test). The password is write-only: the server only
// says whether one is stored; leaving the field empty keeps it.
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, SkeletonBodyText, Text, TextField } from '@shopify/polaris';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import type { SmtpSettings, SmtpTestResult } from '../../../contracts/messaging-api';
import { fieldOfServerMessage } from '../lib/field-of-server-message';
import { showToast } from '../lib/toast';
import { ApiErrorBanner } from './api-error-banner';

interface Draft {
  host: string;
  port: string;
  secure: boolean;
  user: string;
  /** '' keeps the stored password (unless `removePassword`). */
  password: string;
  removePassword: boolean;
  fromAddress: string;
}

const SMTP_FAILURE_KINDS = ['auth', 'recipient_rejected', 'message_rejected', 'temporary_rejection', 'timeout', 'connection', 'config', 'unknown'] as const;

type Field = 'host' | 'port' | 'user' | 'password' | 'fromAddress';

function draftOf(settings: SmtpSettings): Draft {
  // The app's default server is shown for information only; the shop's own form starts empty.
  if (settings.source === 'app') return { host: '', port: '587', secure: false, user: '', password: '', removePassword: false, fromAddress: '' };
  return {
    host: settings.host ?? '',
    port: settings.port === null ? '' : String(settings.port),
    secure: settings.secure,
    user: settings.user,
    password: '',
    removePassword: false,
    fromAddress: settings.fromAddress ?? '',
  };
}

export function SmtpSettingsSection({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  const query = useApiQuery<SmtpSettings>('/api/settings/smtp');
  const [saved, setSaved] = useState<SmtpSettings>();
  const [draft, setDraft] = useState<Draft>();
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState<'save' | 'remove' | null>(null);
  const [saveError, setSaveError] = useState<ApiError>();
  const [serverFieldError, setServerFieldError] = useState<{ field: Field; message: string }>();
  const [testTo, setTestTo] = useState('');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<SmtpTestResult>();
  const [testError, setTestError] = useState<ApiError>();

  useEffect(() => {
    if (query.data) {
      setSaved(query.data);
      setDraft(draftOf(query.data));
    }
  }, [query.data]);

  const errors = useMemo<Partial<Record<Field, string>>>(() => {
    if (!draft) return {};
    const result: Partial<Record<Field, string>> = {};
    const host = draft.host.trim();
    if (host === '') result.host = t('smtp.errors.hostRequired');
    else if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(host) || host.length > 255) result.host = t('smtp.errors.hostInvalid');
    if (!/^\d+$/.test(draft.port.trim()) || Number(draft.port) < 1 || Number(draft.port) > 65535) result.port = t('smtp.errors.portInvalid');
    const from = draft.fromAddress.trim();
    if (from === '') result.fromAddress = t('smtp.errors.fromRequired');
    else if (!/@/.test(from) || from.length < 3 || from.length > 320) result.fromAddress = t('smtp.errors.fromInvalid');
    if (draft.user.length > 255) result.user = t('smtp.errors.tooLong', { max: 255 });
    if (draft.password.length > 1000) result.password = t('smtp.errors.tooLong', { max: 1000 });
    return result;
  }, [draft, t]);
  const invalid = Object.values(errors).some(Boolean);

  if (query.loading && !query.data) {
    return (
      <Card>
        <SkeletonBodyText lines={8} />
      </Card>
    );
  }
  if (!saved || !draft) return query.error ? <ApiErrorBanner title={t('smtp.loadError')} error={query.error} onRetry={query.reload} /> : null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => (current ? { ...current, [key]: value } : current));
    if (serverFieldError?.field === key) setServerFieldError(undefined);
  };
  const shown = (field: Field) => (serverFieldError?.field === field ? serverFieldError.message : touched ? errors[field] : undefined);
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(saved));

  const save = async () => {
    setTouched(true);
    if (invalid || readOnly) return;
    setSaving('save');
    setSaveError(undefined);
    setServerFieldError(undefined);
    try {
      const body = {
        host: draft.host.trim(),
        port: Number(draft.port),
        secure: draft.secure,
        user: draft.user,
        fromAddress: draft.fromAddress.trim(),
        // Omitted keeps the stored password; "" removes it.
        ...(draft.removePassword ? { password: '' } : draft.password !== '' ? { password: draft.password } : {}),
      };
      const next = await apiSend<SmtpSettings>('PUT', '/api/settings/smtp', body);
      setSaved(next);
      setDraft(draftOf(next));
      setTouched(false);
      showToast(t('smtp.saved'));
    } catch (error) {
      const apiError = toApiError(error);
      const located = apiError.fromServer && apiError.code === 'VALIDATION' ? fieldOfServerMessage(apiError.message) : undefined;
      if (located && ['host', 'port', 'user', 'password', 'fromAddress'].includes(located.field)) setServerFieldError({ field: located.field as Field, message: located.message });
      else setSaveError(apiError);
    } finally {
      setSaving(null);
    }
  };

  const removeOwnServer = async () => {
    setSaving('remove');
    setSaveError(undefined);
    try {
      const next = await apiSend<SmtpSettings>('DELETE', '/api/settings/smtp');
      setSaved(next);
      setDraft(draftOf(next));
      showToast(t('smtp.removed'));
    } catch (error) {
      setSaveError(toApiError(error));
    } finally {
      setSaving(null);
    }
  };

  const sendTest = async () => {
    setTesting(true);
    setTestResult(undefined);
    setTestError(undefined);
    try {
      setTestResult(await apiSend<SmtpTestResult>('POST', '/api/settings/smtp/test', { to: testTo.trim() }));
    } catch (error) {
      setTestError(toApiError(error));
    } finally {
      setTesting(false);
    }
  };
  const testAddressValid = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(testTo.trim());

  return (
    <Layout>
      <Layout.AnnotatedSection title={t('smtp.title')} description={t('smtp.description')}>
        <Card>
          <BlockStack gap="400">
            <InlineStack gap="200" blockAlign="center">
              <Text as="span">{t('smtp.inUse')}</Text>
              {saved.source === 'shop' ? <Badge tone="success">{t('smtp.sourceShop')}</Badge> : <Badge>{t('smtp.sourceApp')}</Badge>}
            </InlineStack>
            {saved.source === 'app' && (
              <Banner tone="info">
                <p>{saved.host ? t('smtp.appDefault', { host: saved.host, from: saved.fromAddress ?? '—' }) : t('smtp.noAppDefault')}</p>
              </Banner>
            )}
            {saveError && <ApiErrorBanner title={t('smtp.saveError')} error={saveError} />}
            <FormLayout>
              <FormLayout.Group>
                <TextField label={t('smtp.host')} autoComplete="off" value={draft.host} onChange={(value) => set('host', value)} placeholder="smtp.example.com" error={shown('host')} disabled={readOnly} />
                <TextField label={t('smtp.port')} type="number" min={1} max={65535} autoComplete="off" value={draft.port} onChange={(value) => set('port', value)} error={shown('port')} disabled={readOnly} />
              </FormLayout.Group>
              <Checkbox label={t('smtp.secure')} helpText={t('smtp.secureHelp')} checked={draft.secure} onChange={(value) => set('secure', value)} disabled={readOnly} />
              <FormLayout.Group>
                <TextField label={t('smtp.user')} autoComplete="off" value={draft.user} onChange={(value) => set('user', value)} error={shown('user')} disabled={readOnly} />
                <TextField
                  label={t('smtp.password')}
                  type="password"
                  autoComplete="new-password"
                  value={draft.password}
                  onChange={(value) => set('password', value)}
                  placeholder={saved.passwordSet && !draft.removePassword ? saved.password : ''}
                  helpText={saved.passwordSet ? t('smtp.passwordKeep') : t('smtp.passwordHelp')}
                  error={shown('password')}
                  disabled={readOnly || draft.removePassword}
                />
              </FormLayout.Group>
              {saved.passwordSet && (
                <Checkbox label={t('smtp.removePassword')} checked={draft.removePassword} onChange={(value) => set('removePassword', value)} disabled={readOnly} />
              )}
              <TextField
                label={t('smtp.from')}
                autoComplete="off"
                value={draft.fromAddress}
                onChange={(value) => set('fromAddress', value)}
                placeholder={t('smtp.fromPlaceholder')}
                helpText={t('smtp.fromHelp')}
                error={shown('fromAddress')}
                disabled={readOnly}
              />
            </FormLayout>
            {!readOnly && (
              <InlineStack align="space-between" gap="200">
                <Button onClick={() => void removeOwnServer()} disabled={saved.source !== 'shop' || saving !== null} loading={saving === 'remove'}>
                  {t('smtp.useAppDefault')}
                </Button>
                <InlineStack gap="200">
                  <Button onClick={() => setDraft(draftOf(saved))} disabled={!dirty || saving !== null}>
                    {t('common.discard')}
                  </Button>
                  <Button variant="primary" onClick={() => void save()} disabled={!dirty || (touched && invalid)} loading={saving === 'save'}>
                    {t('smtp.save')}
                  </Button>
                </InlineStack>
              </InlineStack>
            )}
          </BlockStack>
        </Card>
      </Layout.AnnotatedSection>
      <Layout.AnnotatedSection title={t('smtp.test.title')} description={t('smtp.test.description')}>
        <Card>
          <BlockStack gap="300">
            <TextField
              label={t('smtp.test.to')}
              type="email"
              autoComplete="email"
              value={testTo}
              onChange={setTestTo}
              disabled={readOnly}
              connectedRight={
                <Button onClick={() => void sendTest()} loading={testing} disabled={readOnly || !testAddressValid || dirty}>
                  {t('smtp.test.send')}
                </Button>
              }
              helpText={dirty ? t('smtp.test.saveFirst') : t('smtp.test.help')}
            />
            <div data-testid="smtp-test-result">
              {testError && <ApiErrorBanner title={t('smtp.test.failed')} error={testError} />}
              {testResult?.ok === true && (
                <Banner tone="success" title={t('smtp.test.sent', { to: testTo.trim() })}>
                  {testResult.response && <p>{t('smtp.test.serverSaid', { response: testResult.response })}</p>}
                </Banner>
              )}
              {testResult?.ok === false && (
                <Banner tone="critical" title={t('smtp.test.failed')}>
                  {(SMTP_FAILURE_KINDS as readonly string[]).includes(testResult.failure.kind) && <p>{t(`smtp.test.kinds.${testResult.failure.kind}` as TranslationKey)}</p>}
                  <p>{testResult.failure.reason}</p>
                  <p>
                    {t('smtp.test.failureKind', { kind: testResult.failure.kind })}
                    {testResult.failure.status ? ` · ${testResult.failure.status}` : ''}
                    {testResult.failure.retryable ? ` · ${t('smtp.test.retryable')}` : ''}
                  </p>
                </Banner>
              )}
            </div>
          </BlockStack>
        </Card>
      </Layout.AnnotatedSection>
    </Layout>
  );
}
