// Bulk adjustment: upload or paste a CSV (customer, points, description), check every row in a dry run,
// then apply all rows at once; the server applies all or nothing.
import { Badge, Banner, BlockStack, Box, Button, Card, DropZone, EmptyState, IndexTable, InlineStack, Layout, List, Modal, Page, Text, TextField } from '@shopify/polaris';
import { useState } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { SignedPoints } from '../components/entry-labels';
import { ApiError, apiSend, toApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useEmailServer } from '../components/email-server-banner';
import { useMe } from '../hooks/use-me';
import type { BulkResult } from '../../../contracts/admin-api';
import { newIdempotencyKey } from '../lib/ids';
import { showToast } from '../lib/toast';

const MAX_CSV_BYTES = 900 * 1024;
const EXAMPLE = 'customer,points,description\nemma.devries@example.com,50,Thank you for your review\n+31612345678,-20,Correction of a double booking';

export function BulkAdjustPage() {
  const { t, formatNumber } = useI18n();
  const { configured: emailConfigured } = useEmailServer();
  const { permissions } = useMe();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [inputError, setInputError] = useState<string>();
  const [preview, setPreview] = useState<{ csv: string; result: BulkResult; key: string }>();
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [serverError, setServerError] = useState<ApiError>();
  const [confirming, setConfirming] = useState(false);
  const [applied, setApplied] = useState<number>();

  const tooLarge = new Blob([csv]).size > MAX_CSV_BYTES;
  const current = preview && preview.csv === csv ? preview.result : undefined;
  const errorRows = current?.rows.filter((row) => row.error) ?? [];
  const total = current?.totalPoints ?? current?.rows.reduce((sum, row) => sum + (row.points ?? 0), 0) ?? 0;

  const runPreview = async () => {
    setApplied(undefined);
    if (csv.trim() === '') {
      setInputError(t('bulk.errors.empty'));
      return;
    }
    if (tooLarge) {
      setInputError(t('bulk.errors.tooLarge', { size: '900 KB' }));
      return;
    }
    setInputError(undefined);
    setServerError(undefined);
    setBusy('preview');
    try {
      const result = await apiSend<BulkResult>('POST', '/api/adjustments/bulk', { csv, dryRun: true });
      // One key per checked file: retrying Apply after a lost answer never posts the batch twice.
      setPreview({ csv, result, key: newIdempotencyKey('bulk') });
    } catch (error) {
      setServerError(toApiError(error));
      setPreview(undefined);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    setBusy('apply');
    setServerError(undefined);
    try {
      const result = await apiSend<BulkResult>('POST', '/api/adjustments/bulk', { csv, dryRun: false, idempotencyKey: preview?.key });
      if (!result.valid) {
        setPreview({ csv, result, key: newIdempotencyKey('bulk') });
        return;
      }
      const count = typeof result.applied === 'number' ? result.applied : result.rows.length;
      setApplied(count);
      showToast(t('bulk.appliedToast', { count: formatNumber(count) }));
      setCsv('');
      setFileName(undefined);
      setPreview(undefined);
    } catch (error) {
      setServerError(toApiError(error));
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  };

  const readFile = async (files: File[]) => {
    const file = files[0];
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setInputError(t('bulk.errors.tooLarge', { size: '900 KB' }));
      return;
    }
    setInputError(undefined);
    setFileName(file.name);
    setCsv(await file.text());
  };

  return (
    <Page title={t('bulk.title')} subtitle={t('bulk.subtitle')} backAction={{ content: t('members.title'), url: '/members' }}>
      <Layout>
        {!permissions.bulkAdjust && (
          <Layout.Section>
            <Banner tone="warning">
              <p>{t('bulk.notAllowed')}</p>
            </Banner>
          </Layout.Section>
        )}
        {applied !== undefined && (
          <Layout.Section>
            <Banner tone="success" title={t('bulk.appliedTitle')} onDismiss={() => setApplied(undefined)}>
              <p>{t('bulk.appliedBody', { count: formatNumber(applied) })}</p>
            </Banner>
          </Layout.Section>
        )}
        {serverError && (
          <Layout.Section>
            <ApiErrorBanner title={t('bulk.errors.server')} error={serverError} />
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="400">
              <Text as="h2" variant="headingMd">
                {t('bulk.inputTitle')}
              </Text>
              <DropZone
                accept=".csv,text/csv,text/plain"
                type="file"
                allowMultiple={false}
                label={t('bulk.upload')}
                onDrop={(accepted) => void readFile(accepted)}
                onDropRejected={() => setInputError(t('bulk.errors.notCsv'))}
                disabled={!permissions.bulkAdjust}
              >
                {fileName ? (
                  <Box padding="400">
                    <InlineStack gap="200" align="center">
                      <Badge tone="info">{fileName}</Badge>
                      <Text as="span" tone="subdued">
                        {t('bulk.fileLoaded')}
                      </Text>
                    </InlineStack>
                  </Box>
                ) : (
                  <DropZone.FileUpload actionTitle={t('bulk.chooseFile')} actionHint={t('bulk.dropHint')} />
                )}
              </DropZone>
              <TextField
                label={t('bulk.paste')}
                multiline={8}
                monospaced
                autoComplete="off"
                value={csv}
                placeholder={EXAMPLE}
                onChange={(value) => {
                  setCsv(value);
                  setInputError(undefined);
                }}
                error={inputError}
                helpText={t('bulk.formatHelp')}
                disabled={!permissions.bulkAdjust}
              />
              <InlineStack align="end" gap="200">
                <ButtonRow
                  previewLabel={t('bulk.preview')}
                  applyLabel={t('bulk.apply', { count: formatNumber(current?.rows.length ?? 0) })}
                  previewing={busy === 'preview'}
                  canPreview={permissions.bulkAdjust && csv.trim() !== '' && busy === null}
                  canApply={permissions.bulkAdjust && Boolean(current?.valid) && (current?.rows.length ?? 0) > 0 && busy === null}
                  onPreview={() => void runPreview()}
                  onApply={() => setConfirming(true)}
                />
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t('bulk.howTitle')}
              </Text>
              <List type="number">
                <List.Item>{t('bulk.how1')}</List.Item>
                <List.Item>{t('bulk.how2')}</List.Item>
                <List.Item>{t('bulk.how3')}</List.Item>
              </List>
              <Text as="p" tone="subdued" variant="bodySm">
                {t('bulk.allOrNothing')}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Box padding="400" paddingBlockEnd="200">
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t('bulk.previewTitle')}
                </Text>
                {current && (
                  <Banner tone={current.valid ? 'success' : 'critical'}>
                    <p>
                      {current.valid
                        ? t('bulk.summaryValid', { rows: formatNumber(current.rows.length), points: formatNumber(total) })
                        : t('bulk.summaryInvalid', { rows: formatNumber(current.rows.length), errors: formatNumber(errorRows.length) })}
                    </p>
                  </Banner>
                )}
                {preview && !current && (
                  <Banner tone="warning">
                    <p>{t('bulk.stale')}</p>
                  </Banner>
                )}
              </BlockStack>
            </Box>
            <div data-testid="bulk-preview">
              <IndexTable
                resourceName={{ singular: t('bulk.rowSingular'), plural: t('bulk.rowPlural') }}
                itemCount={current?.rows.length ?? 0}
                selectable={false}
                loading={busy === 'preview'}
                emptyState={
                  <EmptyState heading={t('bulk.emptyHeading')} image={EMPTY_ILLUSTRATION}>
                    <p>{t('bulk.emptyBody')}</p>
                  </EmptyState>
                }
                headings={[
                  { title: t('bulk.columns.line') },
                  { title: t('bulk.columns.customer') },
                  { title: t('bulk.columns.member') },
                  { title: t('bulk.columns.description') },
                  { title: t('bulk.columns.points'), alignment: 'end' },
                  { title: t('bulk.columns.result') },
                ]}
              >
                {(current?.rows ?? []).map((row, index) => (
                  <IndexTable.Row id={String(row.line)} key={`${row.line}-${index}`} position={index} tone={row.error ? 'critical' : undefined}>
                    <IndexTable.Cell>
                      <Text as="span" numeric>
                        {row.line}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{row.customer}</IndexTable.Cell>
                    <IndexTable.Cell>{row.memberName ?? '—'}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Box maxWidth="320px">
                        <Text as="span" breakWord>
                          {row.description}
                        </Text>
                      </Box>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {row.points === null ? '—' : <SignedPoints points={row.points} />}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {row.error ? (
                        <BlockStack gap="050" inlineAlign="start">
                          <Badge tone="critical">{t('bulk.rowError')}</Badge>
                          <Text as="span" tone="critical" variant="bodySm">
                            {row.error}
                          </Text>
                        </BlockStack>
                      ) : (
                        <Badge tone="success">{t('bulk.rowOk')}</Badge>
                      )}
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </div>
          </Card>
        </Layout.Section>
      </Layout>
      <Modal
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t('bulk.confirmTitle')}
        primaryAction={{ content: t('bulk.confirmApply'), onAction: () => void apply(), loading: busy === 'apply' }}
        secondaryActions={[{ content: t('common.cancel'), onAction: () => setConfirming(false), disabled: busy === 'apply' }]}
      >
        <Modal.Section>
          <Text as="p">{t('bulk.confirmBody', { rows: formatNumber(current?.rows.length ?? 0), points: formatNumber(total) })}</Text>
          {emailConfigured !== undefined && (
            <Text as="p" tone="subdued">
              {emailConfigured ? t('bulk.notifyNote') : t('adjust.notifyNoServer')}
            </Text>
          )}
        </Modal.Section>
      </Modal>
    </Page>
  );
}

function ButtonRow(props: {
  previewLabel: string;
  applyLabel: string;
  previewing: boolean;
  canPreview: boolean;
  canApply: boolean;
  onPreview(): void;
  onApply(): void;
}) {
  return (
    <InlineStack gap="200">
      <Button onClick={props.onPreview} disabled={!props.canPreview} loading={props.previewing}>
        {props.previewLabel}
      </Button>
      <Button variant="primary" onClick={props.onApply} disabled={!props.canApply}>
        {props.applyLabel}
      </Button>
    </InlineStack>
  );
}
