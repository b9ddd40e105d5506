// Every points transaction, filtered, totalled, paged and sorted by the server; "Add points" on each
// row; export of the filtered set to CSV or Excel with a progress bar.
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  ProgressBar,
  Select,
  Text,
  useBreakpoints,
} from '@shopify/polaris';
import { ExportIcon, PlusIcon } from '@shopify/polaris-icons';
import { useEffect, useRef, useState } from 'react';
import { AdjustPointsModal } from '../components/adjust-points-modal';
import { ApiErrorBanner } from '../components/api-error-banner';
import { CountCard } from '../components/count-card';
import { DateRangePicker, presetRange } from '../components/date-range-picker';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { EntryPointsAndStatus, EntryTypeStatusPointsCells, useEntryLabels } from '../components/entry-labels';
import { LiabilityCard } from '../components/liability-card';
import { BookingNoShowButton } from '../components/booking-no-show-button';
import { LimitedToLocationsBanner } from '../components/limited-to-locations-banner';
import { LocationFiguresCard } from '../components/location-figures-card';
import { MemberPicker, type PickedMember } from '../components/member-picker';
import { PageSkeleton, TableSkeleton } from '../components/page-skeleton';
import { ApiError, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { ENTRY_STATUSES, ENTRY_TYPES, SOURCE_TYPES, type ReportEntry, type ReportResponse } from '../../../contracts/admin-api';
import type { CustomerGroupView } from '../../../contracts/groups-api';
import { isoDate, type DateRange } from '../lib/dates';
import { downloadExport, type ExportFormat, type ExportProgress } from '../lib/export-download';
import { showToast } from '../lib/toast';
import { hrefFor } from '../router';

const PAGE_SIZE = 50;
type SortKey = 'createdAt' | 'points';
type Order = 'asc' | 'desc';

interface Filters {
  range: DateRange;
  member: PickedMember | null;
  type: string;
  status: string;
  sourceType: string;
  staffUserId: string;
  locationId: string;
  groupId: string;
  sort: SortKey;
  order: Order;
  page: number;
}

function filtersFromUrl(search: string): Filters {
  const params = new URLSearchParams(search);
  const fallback = presetRange('last30');
  const memberId = params.get('memberId');
  return {
    range: { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to },
    member: memberId ? { id: memberId, label: params.get('memberName') ?? memberId } : null,
    type: params.get('type') ?? '',
    status: params.get('status') ?? '',
    sourceType: params.get('sourceType') ?? '',
    staffUserId: params.get('staffUserId') ?? '',
    locationId: params.get('locationId') ?? '',
    groupId: params.get('groupId') ?? '',
    sort: params.get('sort') === 'points' ? 'points' : 'createdAt',
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

/** The filter part of the query string, shared by the report, the export and the page URL. */
function filterParams(filters: Filters): Record<string, string | number | null> {
  return {
    from: filters.range.from,
    to: filters.range.to,
    memberId: filters.member?.id ?? null,
    type: filters.type,
    status: filters.status,
    sourceType: filters.sourceType,
    staffUserId: filters.staffUserId.trim(),
    locationId: filters.locationId.trim(),
    groupId: filters.groupId,
  };
}

interface FilterOptions {
  staff: Array<{ userId: string; name: string }>;
  /** `label`: the location's name, or "#<number>" while it has none (`named` false) */
  locations: Array<{ id: string; label: string; named: boolean }>;
}

export function ReportPage() {
  const { t, formatNumber, formatDateTime } = useI18n();
  // Seven columns do not fit a phone or a narrow window: there the rows become a list (condensed).
  const { mdDown } = useBreakpoints();
  const filterOptions = useApiQuery<FilterOptions>('/api/report/filter-options');
  const staffChoices = filterOptions.data?.staff ?? [];
  const locationChoices = filterOptions.data?.locations ?? [];
  const groupChoices = useApiQuery<{ items: CustomerGroupView[] }>('/api/groups').data?.items ?? [];
  const { permissions } = useMe();
  const labels = useEntryLabels();
  // An entry's location by name (the filter's choices), else by number.
  const locationLabel = (id: string) => {
    const choice = locationChoices.find((location) => location.id === id);
    return choice?.named ? choice.label : t('report.filters.locationLabel', { number: choice?.label ?? `#${id.replace(/^gid:\/\/shopify\/Location\//, '')}` });
  };
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(window.location.search));
  const [generation, setGeneration] = useState(0);
  const query = withQuery('/api/report', {
    ...filterParams(filters),
    sort: filters.sort,
    order: filters.order,
    page: filters.page,
    pageSize: PAGE_SIZE,
    v: generation || null,
  });
  const { data, error, loading, reload } = useApiQuery<ReportResponse>(query);
  const [adjustFor, setAdjustFor] = useState<ReportEntry>();
  const [exporting, setExporting] = useState<{ format: ExportFormat; progress: ExportProgress } | null>(null);
  const [exportError, setExportError] = useState<ApiError>();
  const abortRef = useRef<AbortController | null>(null);

  // Keep the filters in the address so the back button and a reload show the same report.
  useEffect(() => {
    const url = withQuery('/report', {
      ...filterParams(filters),
      memberName: filters.member?.label ?? null,
      sort: filters.sort === 'createdAt' ? null : filters.sort,
      order: filters.order === 'desc' ? null : filters.order,
      page: filters.page > 1 ? filters.page : null,
    });
    window.history.replaceState(null, '', hrefFor(url));
  }, [filters]);

  useEffect(() => () => abortRef.current?.abort(), []);

  const update = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, page: 1, ...patch }));

  const startExport = async (format: ExportFormat) => {
    const controller = new AbortController();
    abortRef.current = controller;
    setExportError(undefined);
    setExporting({ format, progress: { fraction: 0, bytes: 0, rows: null } });
    try {
      const path = withQuery('/api/report/export', { format, ...filterParams(filters), sort: filters.sort, order: filters.order });
      const result = await downloadExport(path, format, `points-report-${isoDate(new Date())}.${format}`, (progress) => setExporting({ format, progress }), controller.signal);
      showToast(t('report.export.done', { file: result.filename }));
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === 'AbortError')) setExportError(toApiError(caught));
    } finally {
      abortRef.current = null;
      setExporting(null);
    }
  };

  if (!data && loading) return <PageSkeleton title={t('report.title')} cards={6} />;

  const totals = data?.totals;
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / (data?.pageSize ?? PAGE_SIZE)));
  const sortColumn = filters.sort === 'points' ? 5 : 0;
  const anyFilter = Boolean(filters.member || filters.type || filters.status || filters.sourceType || filters.staffUserId || filters.locationId || filters.groupId);

  return (
    <Page
      title={t('report.title')}
      subtitle={t('report.subtitle')}
      fullWidth
      primaryAction={
        permissions.export
          ? { content: t('report.export.csv'), icon: ExportIcon, onAction: () => void startExport('csv'), disabled: exporting !== null, loading: exporting?.format === 'csv' }
          : undefined
      }
      secondaryActions={
        permissions.export ? [{ content: t('report.export.xlsx'), icon: ExportIcon, onAction: () => void startExport('xlsx'), disabled: exporting !== null }] : undefined
      }
    >
      <BlockStack gap="400">
        {error && <ApiErrorBanner title={t('report.error')} error={error} onRetry={reload} />}
        {exportError && <ApiErrorBanner title={t('report.export.error')} error={exportError} />}
        {exporting && (
          <Card>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="p" fontWeight="semibold">
                  {exporting.format === 'csv' ? t('report.export.progressCsv') : t('report.export.progressXlsx')}
                </Text>
                <Button variant="plain" onClick={() => abortRef.current?.abort()}>
                  {t('common.cancel')}
                </Button>
              </InlineStack>
              <div data-testid="export-progress">
                <ProgressBar progress={Math.round((exporting.progress.fraction ?? 0) * 100)} size="small" tone="primary" ariaLabelledBy="export-progress-label" />
              </div>
              <Text as="p" tone="subdued" variant="bodySm" id="export-progress-label">
                {exporting.progress.rows !== null
                  ? t('report.export.progressRows', { rows: formatNumber(exporting.progress.rows), kb: formatNumber(Math.round(exporting.progress.bytes / 1024)) })
                  : t('report.export.progressBytes', { kb: formatNumber(Math.round(exporting.progress.bytes / 1024)) })}
              </Text>
            </BlockStack>
          </Card>
        )}
        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {t('report.filters.title')}
              </Text>
              <InlineStack gap="200" blockAlign="center">
                <DateRangePicker value={filters.range} onChange={(range) => update({ range })} label={t('report.filters.period')} />
                {anyFilter && (
                  <Button variant="plain" onClick={() => update({ member: null, type: '', status: '', sourceType: '', staffUserId: '', locationId: '', groupId: '' })}>
                    {t('report.filters.clear')}
                  </Button>
                )}
              </InlineStack>
            </InlineStack>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4, lg: 7 }} gap="300">
              <MemberPicker label={t('report.filters.member')} value={filters.member} onChange={(member) => update({ member })} />
              <Select
                label={t('report.filters.type')}
                options={[{ label: t('report.filters.any'), value: '' }, ...ENTRY_TYPES.map((value) => ({ label: labels.type(value), value }))]}
                value={filters.type}
                onChange={(type) => update({ type })}
              />
              <Select
                label={t('report.filters.status')}
                options={[{ label: t('report.filters.any'), value: '' }, ...ENTRY_STATUSES.map((value) => ({ label: labels.status(value), value }))]}
                value={filters.status}
                onChange={(status) => update({ status })}
              />
              <Select
                label={t('report.filters.source')}
                options={[{ label: t('report.filters.any'), value: '' }, ...SOURCE_TYPES.map((value) => ({ label: labels.source(value), value }))]}
                value={filters.sourceType}
                onChange={(sourceType) => update({ sourceType })}
              />
              <Select
                label={t('report.filters.staff')}
                options={[
                  { label: t('report.filters.any'), value: '' },
                  ...staffChoices.map((staff) => ({ label: staff.name, value: staff.userId })),
                  ...(filters.staffUserId && !staffChoices.some((staff) => staff.userId === filters.staffUserId) ? [{ label: filters.staffUserId, value: filters.staffUserId }] : []),
                ]}
                value={filters.staffUserId}
                onChange={(staffUserId) => update({ staffUserId })}
              />
              <Select
                label={t('report.filters.location')}
                options={[
                  { label: t('report.filters.any'), value: '' },
                  ...locationChoices.map((location) => ({ label: location.named ? location.label : t('report.filters.locationLabel', { number: location.label }), value: location.id })),
                  ...(filters.locationId && !locationChoices.some((location) => location.id === filters.locationId) ? [{ label: filters.locationId, value: filters.locationId }] : []),
                ]}
                value={filters.locationId}
                onChange={(locationId) => update({ locationId })}
              />
              <Select
                label={t('groups.memberList.filter')}
                options={[
                  { label: t('report.filters.any'), value: '' },
                  ...groupChoices.map((group) => ({ label: group.name, value: group.id })),
                  ...(filters.groupId && !groupChoices.some((group) => group.id === filters.groupId) ? [{ label: filters.groupId, value: filters.groupId }] : []),
                ]}
                value={filters.groupId}
                onChange={(groupId) => update({ groupId })}
              />
            </InlineGrid>
          </BlockStack>
        </Card>
        {totals && (
          <div data-testid="report-totals">
            <InlineGrid columns={{ xs: 1, sm: 2, md: 3, lg: 5 }} gap="400">
              <CountCard id="total-earned" label={t('report.totals.earned')} value={formatNumber(totals.earned)} help={t('report.totals.earnedHelp')} />
              <CountCard id="total-spent" label={t('report.totals.spent')} value={formatNumber(totals.spent)} help={t('report.totals.spentHelp')} />
              <CountCard id="total-pending" label={t('report.totals.pending')} value={formatNumber(totals.pending)} help={t('report.totals.pendingHelp')} />
              <CountCard id="total-adjusted" label={t('report.totals.adjusted')} value={formatNumber(totals.adjusted)} help={t('report.totals.adjustedHelp')} />
              <LiabilityCard id="total-liability" points={totals.liabilityPoints} valueMinor={totals.liabilityMinor} currency={totals.currency} pointValue={totals.pointValue} />
            </InlineGrid>
          </div>
        )}
        <LimitedToLocationsBanner />
        <LocationFiguresCard from={filters.range.from} to={filters.range.to} />
        {!permissions.export && (
          <Banner tone="info">
            <p>{t('report.export.notAllowed')}</p>
          </Banner>
        )}
        <Card padding="0">
          {!data && loading ? (
            <TableSkeleton />
          ) : (
            <div data-testid="report-table">
              <IndexTable
                condensed={mdDown}
                resourceName={{ singular: t('entries.singular'), plural: t('entries.plural') }}
                itemCount={items.length}
                selectable={false}
                loading={loading}
                sortable={[true, false, false, false, false, true, false]}
                sortColumnIndex={sortColumn}
                sortDirection={filters.order === 'asc' ? 'ascending' : 'descending'}
                defaultSortDirection="descending"
                sortToggleLabels={{
                  0: { ascending: t('report.sort.oldest'), descending: t('report.sort.newest') },
                  5: { ascending: t('report.sort.lowest'), descending: t('report.sort.highest') },
                }}
                onSort={(index, direction) => update({ sort: index === 5 ? 'points' : 'createdAt', order: direction === 'ascending' ? 'asc' : 'desc' })}
                emptyState={
                  <EmptyState heading={t('report.empty.heading')} image={EMPTY_ILLUSTRATION}>
                    <p>{anyFilter ? t('report.empty.filtered') : t('report.empty.body')}</p>
                  </EmptyState>
                }
                headings={[
                  { title: t('entries.columns.date') },
                  { title: t('entries.columns.member') },
                  { title: t('entries.columns.description') },
                  { title: t('entries.columns.type') },
                  { title: t('entries.columns.status') },
                  { title: t('entries.columns.points'), alignment: 'end' },
                  { title: t('entries.columns.actions'), hidden: true },
                ]}
                pagination={{
                  hasPrevious: filters.page > 1,
                  hasNext: filters.page < pageCount,
                  onPrevious: () => setFilters((current) => ({ ...current, page: Math.max(1, current.page - 1) })),
                  onNext: () => setFilters((current) => ({ ...current, page: current.page + 1 })),
                  label: t('report.pageOf', { page: formatNumber(filters.page), pages: formatNumber(pageCount), total: formatNumber(total) }),
                }}
              >
                {items.map((entry, index) =>
                  mdDown ? (
                    <IndexTable.Row id={entry.id} key={entry.id} position={index}>
                      <div style={{ padding: '12px 16px' }}>
                        <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                          <BlockStack gap="100">
                            <span data-key-cell>
                              <EntryMemberName entry={entry} />
                            </span>
                            <Text as="span" breakWord>
                              {entry.description}
                            </Text>
                            <Text as="span" tone="subdued" variant="bodySm">
                              {formatDateTime(entry.createdAt)} · {labels.type(entry.type)} · {labels.source(entry.sourceType)}
                              {entry.locationId ? ` · ${locationLabel(entry.locationId)}` : ''}
                            </Text>
                            {permissions.adjust && entry.memberId ? (
                              <Box>
                                <AddPointsButton entry={entry} onClick={() => setAdjustFor(entry)} />
                              </Box>
                            ) : null}
                            <BookingNoShowButton entry={entry} onDone={() => setGeneration((value) => value + 1)} />
                          </BlockStack>
                          <EntryPointsAndStatus entry={entry} />
                        </InlineStack>
                      </div>
                    </IndexTable.Row>
                  ) : (
                  <IndexTable.Row id={entry.id} key={entry.id} position={index}>
                    <IndexTable.Cell>{formatDateTime(entry.createdAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <div data-key-cell>
                      <BlockStack gap="050">
                        <EntryMemberName entry={entry} />
                        {entry.memberName && entry.memberEmail ? (
                          <Text as="span" tone="subdued" variant="bodySm">
                            {entry.memberEmail}
                          </Text>
                        ) : null}
                      </BlockStack>
                      </div>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Box maxWidth="360px">
                        <BlockStack gap="050">
                          <Text as="span" breakWord>
                            {entry.description}
                          </Text>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {labels.source(entry.sourceType)}
                            {entry.locationId ? ` · ${locationLabel(entry.locationId)}` : ''}
                          </Text>
                        </BlockStack>
                      </Box>
                    </IndexTable.Cell>
                    <EntryTypeStatusPointsCells entry={entry} />
                    <IndexTable.Cell>
                      <InlineStack gap="200" wrap={false}>
                        {permissions.adjust && entry.memberId ? (
                          <AddPointsButton entry={entry} onClick={() => setAdjustFor(entry)} />
                        ) : null}
                        <BookingNoShowButton entry={entry} onDone={() => setGeneration((value) => value + 1)} />
                      </InlineStack>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                  ),
                )}
              </IndexTable>
            </div>
          )}
        </Card>
      </BlockStack>
      {adjustFor?.memberId && (
        <AdjustPointsModal
          open
          memberId={adjustFor.memberId}
          memberLabel={adjustFor.memberName || adjustFor.memberEmail}
          onClose={() => setAdjustFor(undefined)}
          onAdjusted={() => setGeneration((value) => value + 1)}
        />
      )}
    </Page>
  );
}

type EntryMember = { memberId?: string; memberName: string | null; memberEmail: string | null };

/** The entry's member by name (or e-mail), linking to the member's page when the entry has one. */
function EntryMemberName({ entry }: { entry: EntryMember }) {
  const { t } = useI18n();
  const name = entry.memberName || entry.memberEmail || t('members.unnamed');
  return entry.memberId ? (
    <Link removeUnderline url={`/members/${encodeURIComponent(entry.memberId)}`}>
      {name}
    </Link>
  ) : (
    <Text as="span">{name}</Text>
  );
}

/** The row's quick "Add points" for the entry's member. */
function AddPointsButton({ entry, onClick }: { entry: EntryMember; onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button size="slim" icon={PlusIcon} onClick={onClick} accessibilityLabel={t('report.addPointsFor', { name: entry.memberName || entry.memberEmail || '' })}>
      {t('report.addPoints')}
    </Button>
  );
}
