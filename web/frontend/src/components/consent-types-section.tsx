// Consent types (at most five per shop): what customers are asked to agree to, whether it is
// required, and what it is for (GET/POST/PATCH/DELETE /api/consent-types). A type members have
// already answered cannot be deleted: the server says so and the history stays as proof.
import { Badge, Banner, BlockStack, Box, Button, Card, Checkbox, EmptyState, FormLayout, InlineStack, Layout, Modal, ResourceItem, ResourceList, Select, Text, TextField } from '@shopify/polaris';
import { PlusIcon } from '@shopify/polaris-icons';
import { useEffect, useState } from 'react';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { TranslationKey } from '../i18n';
import { CONSENT_KINDS, MAX_CONSENT_TYPES, type ConsentKind, type ConsentType } from '../../../contracts/messaging-api';
import { fieldOfServerMessage } from '../lib/field-of-server-message';
import { showToast } from '../lib/toast';
import { ApiErrorBanner } from './api-error-banner';
import { EMPTY_ILLUSTRATION } from './empty-illustration';

interface Draft {
  key: string;
  name: string;
  purpose: string;
  required: boolean;
  kind: ConsentKind;
  channel: '' | 'email' | 'sms';
}

type Field = 'key' | 'name' | 'purpose';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

function draftOf(type: ConsentType | null): Draft {
  if (!type) return { key: '', name: '', purpose: '', required: false, kind: 'marketing', channel: '' };
  return {
    key: type.key,
    name: type.name,
    purpose: type.purpose,
    required: type.required,
    kind: (CONSENT_KINDS as string[]).includes(type.kind) ? (type.kind as ConsentKind) : 'other',
    channel: type.channel ?? '',
  };
}

/** "Newsletter by e-mail" -> "newsletter_by_e_mail", as a suggestion for a new type's key. */
function keyFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '');
  return slug.slice(0, 40);
}

export function useConsentLabels() {
  const { t } = useI18n();
  return {
    kind: (kind: string) => ((CONSENT_KINDS as string[]).includes(kind) ? t(`consents.kinds.${kind}` as TranslationKey) : kind),
    channel: (channel: string | null) => (channel === 'email' || channel === 'sms' ? t(`messages.channels.${channel}` as TranslationKey) : t('consents.allChannels')),
  };
}

export function ConsentTypesSection({ readOnly }: { readOnly: boolean }) {
  const { t, formatNumber } = useI18n();
  const labels = useConsentLabels();
  const query = useApiQuery<{ items: ConsentType[] }>('/api/consent-types');
  const [editing, setEditing] = useState<ConsentType | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ConsentType | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<ApiError>();
  const items = query.data?.items ?? [];
  const full = items.length >= MAX_CONSENT_TYPES;

  const remove = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(undefined);
    try {
      await apiSend('DELETE', `/api/consent-types/${encodeURIComponent(deleting.id)}`);
      showToast(t('consents.deleted', { name: deleting.name }));
      setDeleting(null);
      query.reload();
    } catch (error) {
      setDeleteError(toApiError(error));
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <Layout>
      <Layout.AnnotatedSection title={t('consents.title')} description={t('consents.description', { max: MAX_CONSENT_TYPES })}>
        <Card padding="0">
          <Box padding="400" paddingBlockEnd="200">
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <Text as="p" tone="subdued">
                {t('consents.count', { count: formatNumber(items.length), max: formatNumber(MAX_CONSENT_TYPES) })}
              </Text>
              {!readOnly && (
                <Button icon={PlusIcon} onClick={() => setEditing('new')} disabled={full}>
                  {t('consents.create')}
                </Button>
              )}
            </InlineStack>
            {full && !readOnly && (
              <Box paddingBlockStart="200">
                <Text as="p" tone="subdued" variant="bodySm">
                  {t('consents.full', { max: MAX_CONSENT_TYPES })}
                </Text>
              </Box>
            )}
          </Box>
          {query.error && (
            <Box padding="400" paddingBlockStart="0">
              <ApiErrorBanner title={t('consents.loadError')} error={query.error} onRetry={query.reload} />
            </Box>
          )}
          <div data-testid="consent-types">
            <ResourceList
              resourceName={{ singular: t('consents.singular'), plural: t('consents.plural') }}
              items={items}
              loading={query.loading && !query.data}
              emptyState={
                <EmptyState heading={t('consents.emptyHeading')} image={EMPTY_ILLUSTRATION}>
                  <p>{t('consents.emptyBody')}</p>
                </EmptyState>
              }
              renderItem={(type) => (
                <ResourceItem id={type.id} onClick={() => setEditing(type)} accessibilityLabel={t('consents.editLabel', { name: type.name })}>
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h3" variant="bodyMd" fontWeight="semibold">
                        {type.name}
                      </Text>
                      {type.required ? <Badge tone="attention">{t('consents.required')}</Badge> : <Badge>{t('consents.optional')}</Badge>}
                      <Badge tone="info">{labels.kind(type.kind)}</Badge>
                      <Badge>{labels.channel(type.channel)}</Badge>
                    </InlineStack>
                    <Text as="p" tone="subdued" variant="bodySm">
                      <code>{type.key}</code>
                    </Text>
                    {type.purpose && <Text as="p">{type.purpose}</Text>}
                  </BlockStack>
                </ResourceItem>
              )}
            />
          </div>
        </Card>
      </Layout.AnnotatedSection>
      <ConsentTypeModal
        type={editing === 'new' ? null : editing}
        open={editing !== null}
        readOnly={readOnly}
        onClose={() => setEditing(null)}
        onSaved={() => query.reload()}
        onDelete={(type) => {
          setEditing(null);
          setDeleteError(undefined);
          setDeleting(type);
        }}
      />
      <Modal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('consents.deleteTitle', { name: deleting?.name ?? '' })}
        primaryAction={{ content: t('consents.delete'), destructive: true, onAction: () => void remove(), loading: deleteBusy }}
        secondaryActions={[{ content: t('common.cancel'), onAction: () => setDeleting(null), disabled: deleteBusy }]}
      >
        <Modal.Section>
          <BlockStack gap="300">
            {deleteError && <ApiErrorBanner title={t('consents.deleteError')} error={deleteError} />}
            <Text as="p">{t('consents.deleteHelp')}</Text>
          </BlockStack>
        </Modal.Section>
      </Modal>
    </Layout>
  );
}

function ConsentTypeModal({
  type,
  open,
  readOnly,
  onClose,
  onSaved,
  onDelete,
}: {
  type: ConsentType | null;
  open: boolean;
  readOnly: boolean;
  onClose(): void;
  onSaved(): void;
  onDelete(type: ConsentType): void;
}) {
  const { t } = useI18n();
  const labels = useConsentLabels();
  const [draft, setDraft] = useState<Draft>(() => draftOf(type));
  const [keyEdited, setKeyEdited] = useState(false);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError>();
  const [serverFieldError, setServerFieldError] = useState<{ field: Field; message: string }>();

  useEffect(() => {
    if (!open) return;
    setDraft(draftOf(type));
    setKeyEdited(false);
    setTouched(false);
    setSaving(false);
    setServerError(undefined);
    setServerFieldError(undefined);
  }, [open, type]);

  const errors: Partial<Record<Field, string>> = {};
  if (!type) {
    if (draft.key === '') errors.key = t('consents.errors.keyRequired');
    else if (!KEY_PATTERN.test(draft.key)) errors.key = t('consents.errors.keyFormat');
  }
  if (draft.name.trim() === '') errors.name = t('consents.errors.nameRequired');
  else if (draft.name.trim().length > 80) errors.name = t('consents.errors.tooLong', { max: 80 });
  if (draft.purpose.length > 500) errors.purpose = t('consents.errors.tooLong', { max: 500 });
  const invalid = Object.values(errors).some(Boolean);
  const shown = (field: Field) => (serverFieldError?.field === field ? serverFieldError.message : touched ? errors[field] : undefined);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => {
      const next = { ...current, [key]: value };
      if (key === 'name' && !type && !keyEdited) next.key = keyFromName(String(value));
      return next;
    });
    if (serverFieldError?.field === key) setServerFieldError(undefined);
  };

  const save = async () => {
    setTouched(true);
    if (invalid || readOnly) return;
    setSaving(true);
    setServerError(undefined);
    setServerFieldError(undefined);
    const fields = { name: draft.name.trim(), purpose: draft.purpose.trim(), required: draft.required, kind: draft.kind, channel: draft.channel === '' ? null : draft.channel };
    try {
      if (type) await apiSend('PATCH', `/api/consent-types/${encodeURIComponent(type.id)}`, fields);
      else await apiSend('POST', '/api/consent-types', { key: draft.key, ...fields });
      showToast(t(type ? 'consents.saved' : 'consents.created', { name: fields.name }));
      onSaved();
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      const located = apiError.fromServer && apiError.code === 'VALIDATION' ? fieldOfServerMessage(apiError.message) : undefined;
      if (located && ['key', 'name', 'purpose'].includes(located.field)) setServerFieldError({ field: located.field as Field, message: located.message });
      else setServerError(apiError);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      onClose={saving ? () => undefined : onClose}
      title={readOnly ? (type?.name ?? t('consents.title')) : type ? t('consents.editTitle', { name: type.name }) : t('consents.createTitle')}
      primaryAction={readOnly ? undefined : { content: type ? t('common.save') : t('consents.create'), onAction: () => void save(), loading: saving, disabled: touched && invalid }}
      secondaryActions={[
        { content: readOnly ? t('rewards.form.close') : t('common.cancel'), onAction: onClose, disabled: saving },
        ...(type && !readOnly ? [{ content: t('consents.delete'), destructive: true, onAction: () => onDelete(type), disabled: saving }] : []),
      ]}
    >
      <Modal.Section>
        <BlockStack gap="400">
          {serverError && (
            <Banner tone="critical" title={t('consents.saveError')} onDismiss={() => setServerError(undefined)}>
              <p>{serverError.fromServer ? serverError.message : t(serverError.code === 'NETWORK' ? 'errors.network' : 'errors.generic')}</p>
            </Banner>
          )}
          <FormLayout>
            <TextField label={t('consents.name')} autoComplete="off" value={draft.name} onChange={(value) => set('name', value)} maxLength={80} error={shown('name')} disabled={readOnly} placeholder={t('consents.namePlaceholder')} />
            <TextField
              label={t('consents.key')}
              autoComplete="off"
              value={draft.key}
              onChange={(value) => {
                setKeyEdited(true);
                set('key', value);
              }}
              monospaced
              disabled={readOnly || type !== null}
              helpText={type ? t('consents.keyFixed') : t('consents.keyHelp')}
              error={shown('key')}
            />
            <TextField
              label={t('consents.purpose')}
              autoComplete="off"
              multiline={3}
              value={draft.purpose}
              onChange={(value) => set('purpose', value)}
              maxLength={500}
              showCharacterCount
              helpText={t('consents.purposeHelp')}
              error={shown('purpose')}
              disabled={readOnly}
            />
            <FormLayout.Group>
              <Select
                label={t('consents.kind')}
                options={CONSENT_KINDS.map((kind) => ({ value: kind, label: labels.kind(kind) }))}
                value={draft.kind}
                onChange={(value) => set('kind', value as ConsentKind)}
                helpText={t(`consents.kindHelp.${draft.kind}` as TranslationKey)}
                disabled={readOnly}
              />
              <Select
                label={t('consents.channel')}
                options={[
                  { value: '', label: t('consents.allChannels') },
                  { value: 'email', label: t('messages.channels.email') },
                  { value: 'sms', label: t('messages.channels.sms') },
                ]}
                value={draft.channel}
                onChange={(value) => set('channel', value === 'email' || value === 'sms' ? value : '')}
                disabled={readOnly}
              />
            </FormLayout.Group>
            <Checkbox label={t('consents.requiredLabel')} helpText={t('consents.requiredHelp')} checked={draft.required} onChange={(value) => set('required', value)} disabled={readOnly} />
          </FormLayout>
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
