// Onboarding a shop that already has customers: import them from Shopify, credit past orders in a date
// range (preview first), and bring over balances from another loyalty app's CSV (dry run with each row's
// errors, then apply). Every import runs in the background; this page shows their progress.
import { Badge, Banner, BlockStack, Box, Button, Card, DropZone, IndexTable, InlineStack, Layout, Page, ProgressBar, Text, TextField, useBreakpoints } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { ImportJobsResponse, ImportJobView, ImportStatusName } from '../../../contracts/imports-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { TranslationKey } from '../i18n';

const MAX_FILE_BYTES = 24 * 1024 * 1024;
const ACTIVE: ImportStatusName[] = ['preparing', 'queued', 'running'];
const STATUS_TONE: Partial<Record<ImportStatusName, 'success' | 'critical' | 'attention' | 'info'>> = {
  completed: 'success', failed: 'critical', invalid: 'critical', preview_ready: 'attention', validated: 'attention', running: 'info', queued: 'info', preparing: 'info',
};

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 3600_000).toISOString().slice(0, 10);
}

export function OnboardingPage() {
  const { t, formatNumber, formatDateTime } = useI18n();
  const { permissions } = useMe();
  // On a phone the tables become lists (Polaris' condensed index table): nothing scrolls sideways.
  const { smDown } = useBreakpoints();
  const jobs = useApiQuery<ImportJobsResponse>(permissions.imports ? '/api/imports' : null);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<string | null>(null);
  const [from, setFrom] = useState(daysAgo(365));
  const [to, setTo] = useState(daysAgo(0));
  const [csv, setCsv] = useState<{ text: string; name: string }>();
  const [fileError, setFileError] = useState<string>();
  const list = jobs.data?.jobs ?? [];
  const running = list.some((job) => ACTIVE.includes(job.status));
  // One import of each kind at a time (the server refuses a second one too).
  const busyKind = (kind: ImportJobView['kind']) => list.some((job) => job.kind === kind && ACTIVE.includes(job.status));

  // Progress of running imports: poll while any is running.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(jobs.reload, 3000);
    return () => clearInterval(timer);
  }, [running, jobs.reload]);

  const act = async (name: string, work: () => Promise<unknown>) => {
    setBusy(name);
    setError(undefined);
    try {
      await work();
      jobs.reload();
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(null);
    }
  };

  const readFile = async (files: File[]) => {
    const file = files[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(t('onboarding.balances.tooLarge', { size: '24 MB' }));
      return;
    }
    setFileError(undefined);
    setCsv({ text: await file.text(), name: file.name });
  };

  const latest = (kind: ImportJobView['kind']) => list.find((job) => job.kind === kind);
  const preview = latest('past_orders');
  const balanceJob = latest('balances');

  if (!permissions.imports) {
    return (
      <Page title={t('onboarding.title')}>
        <Banner tone="warning">
          <p>{t('onboarding.notAllowed')}</p>
        </Banner>
      </Page>
    );
  }

  return (
    <Page title={t('onboarding.title')} subtitle={t('onboarding.subtitle')}>
      <Layout>
        {(error || jobs.error) && (
          <Layout.Section>
            <ApiErrorBanner title={t('onboarding.error')} error={(error ?? jobs.error)!} />
          </Layout.Section>
        )}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">{t('onboarding.customers.title')}</Text>
              <Text as="p" tone="subdued">{t('onboarding.customers.body')}</Text>
              <InlineStack>
                <Button onClick={() => void act('customers', () => apiSend('POST', '/api/imports/customers'))} loading={busy === 'customers'} disabled={busyKind('customers')}>
                  {t('onboarding.customers.start')}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">{t('onboarding.pastOrders.title')}</Text>
              <Text as="p" tone="subdued">{t('onboarding.pastOrders.body')}</Text>
              <InlineStack gap="300" blockAlign="end">
                <TextField label={t('onboarding.pastOrders.from')} type="date" value={from} onChange={setFrom} autoComplete="off" />
                <TextField label={t('onboarding.pastOrders.to')} type="date" value={to} onChange={setTo} autoComplete="off" />
                <Button onClick={() => void act('preview', () => apiSend('POST', '/api/imports/past-orders', { from, to }))} loading={busy === 'preview'} disabled={busyKind('past_orders')}>
                  {t('onboarding.pastOrders.preview')}
                </Button>
              </InlineStack>
              {preview?.status === 'preview_ready' && (
                <Banner tone="info" title={t('onboarding.pastOrders.previewTitle')}>
                  <BlockStack gap="200">
                    <p>
                      {t('onboarding.pastOrders.previewBody', {
                        orders: formatNumber(preview.summary.orders ?? 0), members: formatNumber(preview.summary.members ?? 0),
                        points: formatNumber(preview.summary.points ?? 0), skipped: formatNumber(preview.summary.alreadyRecorded ?? 0),
                      })}
                    </p>
                    <InlineStack>
                      <Button variant="primary" onClick={() => void act('confirm-orders', () => apiSend('POST', `/api/imports/${preview.id}/confirm`))} loading={busy === 'confirm-orders'}>
                        {t('onboarding.pastOrders.confirm', { points: formatNumber(preview.summary.points ?? 0) })}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </Banner>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">{t('onboarding.balances.title')}</Text>
              <Text as="p" tone="subdued">{t('onboarding.balances.body')}</Text>
              <DropZone accept=".csv,text/csv,text/plain" type="file" allowMultiple={false} label={t('onboarding.balances.upload')} onDrop={(files) => void readFile(files)}
                onDropRejected={() => setFileError(t('onboarding.balances.notCsv'))} error={Boolean(fileError)}>
                {csv ? (
                  <Box padding="400"><Badge tone="info">{csv.name}</Badge></Box>
                ) : (
                  <DropZone.FileUpload actionTitle={t('onboarding.balances.chooseFile')} />
                )}
              </DropZone>
              {fileError && <Text as="p" tone="critical">{fileError}</Text>}
              <InlineStack>
                <Button disabled={!csv || busy !== null} loading={busy === 'dry-run'}
                  onClick={() => void act('dry-run', () => apiSend('POST', '/api/imports/balances', { csv: csv!.text, fileName: csv!.name }))}>
                  {t('onboarding.balances.dryRun')}
                </Button>
              </InlineStack>
              {balanceJob && (balanceJob.status === 'validated' || balanceJob.status === 'invalid') && (
                <BalanceDryRun job={balanceJob} busy={busy === 'apply-balances'} onApply={() => void act('apply-balances', () => apiSend('POST', `/api/imports/${balanceJob.id}/confirm`))} />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Box padding="400"><Text as="h2" variant="headingMd">{t('onboarding.jobs.title')}</Text></Box>
            <IndexTable
              resourceName={{ singular: t('onboarding.jobs.singular'), plural: t('onboarding.jobs.plural') }}
              itemCount={list.length}
              selectable={false}
              condensed={smDown}
              loading={jobs.loading && !jobs.data}
              headings={[
                { title: t('onboarding.jobs.kind') }, { title: t('onboarding.jobs.status') }, { title: t('onboarding.jobs.progress') },
                { title: t('onboarding.jobs.errors'), alignment: 'end' }, { title: t('onboarding.jobs.started') }, { title: t('onboarding.jobs.finished') },
              ]}
            >
              {list.map((job, index) => smDown ? (
                <IndexTable.Row id={job.id} key={job.id} position={index}>
                  <div style={{ padding: '12px 16px' }}>
                    <BlockStack gap="100">
                      <InlineStack align="space-between" gap="200" wrap={false}>
                        <Text as="span" fontWeight="semibold">{t(`onboarding.kinds.${job.kind}` as TranslationKey)}{job.params.sourceApp ? ` · ${job.params.sourceApp}` : ''}</Text>
                        <Badge tone={STATUS_TONE[job.status]}>{t(`onboarding.statuses.${job.status}` as TranslationKey)}</Badge>
                      </InlineStack>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {t('onboarding.jobs.count', { processed: formatNumber(job.processed), total: formatNumber(job.total) })} · {formatDateTime(job.startedAt ?? job.createdAt)}
                      </Text>
                      {job.lastError && <Text as="span" tone="critical" variant="bodySm" breakWord>{job.lastError}</Text>}
                    </BlockStack>
                  </div>
                </IndexTable.Row>
              ) : (
                <IndexTable.Row id={job.id} key={job.id} position={index}>
                  <IndexTable.Cell>{t(`onboarding.kinds.${job.kind}` as TranslationKey)}{job.params.sourceApp ? ` · ${job.params.sourceApp}` : ''}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <BlockStack gap="100" inlineAlign="start">
                      <Badge tone={STATUS_TONE[job.status]}>{t(`onboarding.statuses.${job.status}` as TranslationKey)}</Badge>
                      {job.lastError && <Text as="span" tone="critical" variant="bodySm">{job.lastError}</Text>}
                    </BlockStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Box minWidth="160px">
                      <BlockStack gap="100">
                        <ProgressBar size="small" progress={job.total > 0 ? Math.min(100, (job.processed / job.total) * 100) : job.status === 'completed' ? 100 : 0} />
                        <Text as="span" variant="bodySm" tone="subdued">{t('onboarding.jobs.count', { processed: formatNumber(job.processed), total: formatNumber(job.total) })}</Text>
                      </BlockStack>
                    </Box>
                  </IndexTable.Cell>
                  <IndexTable.Cell><Text as="span" alignment="end" numeric>{formatNumber(job.errorCount)}</Text></IndexTable.Cell>
                  <IndexTable.Cell>{formatDateTime(job.startedAt ?? job.createdAt)}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDateTime(job.finishedAt)}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function BalanceDryRun({ job, busy, onApply }: { job: ImportJobView; busy: boolean; onApply(): void }) {
  const { t, formatNumber } = useI18n();
  const { smDown } = useBreakpoints();
  if (job.status === 'validated') {
    return (
      <Banner tone="success" title={t('onboarding.balances.validTitle', { app: job.params.sourceApp ?? '' })}>
        <BlockStack gap="200">
          <p>
            {t('onboarding.balances.validBody', {
              rows: formatNumber(job.summary.rows ?? 0), points: formatNumber(job.summary.points ?? 0),
              newMembers: formatNumber(job.summary.newMembers ?? 0), skipped: formatNumber(job.summary.skipped ?? 0),
            })}
          </p>
          <InlineStack>
            <Button variant="primary" onClick={onApply} loading={busy}>{t('onboarding.balances.apply')}</Button>
          </InlineStack>
        </BlockStack>
      </Banner>
    );
  }
  return (
    <BlockStack gap="200">
      <Banner tone="critical" title={t('onboarding.balances.invalidTitle', { errors: formatNumber(job.errorCount) })}>
        <p>{t('onboarding.balances.invalidBody')}</p>
      </Banner>
      <div data-testid="balance-errors">
        <IndexTable
          resourceName={{ singular: t('onboarding.balances.errorSingular'), plural: t('onboarding.balances.errorPlural') }}
          itemCount={job.errors.length}
          selectable={false}
          condensed={smDown}
          headings={[{ title: t('onboarding.balances.row') }, { title: t('onboarding.balances.column') }, { title: t('onboarding.balances.message') }]}
        >
          {job.errors.map((rowError, index) => smDown ? (
            <IndexTable.Row id={`${rowError.row}-${index}`} key={`${rowError.row}-${index}`} position={index} tone="critical">
              <div style={{ padding: '12px 16px' }}>
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">{t('onboarding.balances.row')} {rowError.row} · {rowError.column}</Text>
                  <Text as="span" breakWord>{rowError.message}</Text>
                </BlockStack>
              </div>
            </IndexTable.Row>
          ) : (
            <IndexTable.Row id={`${rowError.row}-${index}`} key={`${rowError.row}-${index}`} position={index} tone="critical">
              <IndexTable.Cell><Text as="span" numeric>{rowError.row}</Text></IndexTable.Cell>
              <IndexTable.Cell>{rowError.column}</IndexTable.Cell>
              <IndexTable.Cell><Text as="span" breakWord>{rowError.message}</Text></IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </div>
    </BlockStack>
  );
}
