// The loyalty tab for the whole catalogue: search, filter, inline edit (saved together from the save
// bar) and bulk edit of the selected products.
import { SaveBar } from '@shopify/app-bridge-react';
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  Checkbox,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Modal,
  Page,
  Select,
  Tabs,
  Text,
  TextField,
  useIndexResourceState,
} from '@shopify/polaris';
import { SearchField } from '../components/search-field';
import { useMemo, useState, type ReactNode } from 'react';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { draftOf, hasErrors, LoyaltyFields, settingsOf, validateLoyalty, type LoyaltyDraft } from '../components/loyalty-fields';
import { TableSkeleton } from '../components/page-skeleton';
import { ApiError, apiSend, toApiError, useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { TranslationKey } from '../i18n';
import type { LoyaltySettings, Page as ApiPage, ProductRow } from '../../../contracts/admin-api';
import { showToast } from '../lib/toast';
import { useCursorPages } from '../lib/use-cursor-pages';
import { useDebounced } from '../lib/use-debounced';

const FILTERS = ['all', 'enabled', 'disabled', 'service', 'product'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 50;
const SAVE_BAR_ID = 'products-save-bar';

/** The numeric part of a product GID, for readable URLs. */
export function productPath(productId: string): string {
  return `/products/${encodeURIComponent(productId.replace(/^gid:\/\/shopify\/Product\//, ''))}`;
}

function stopRowClick(children: ReactNode) {
  // Inputs inside an IndexTable row must not toggle the row's selection.
  return (
    <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()} role="presentation">
      {children}
    </div>
  );
}

export function ProductsPage() {
  const { t, formatNumber } = useI18n();
  const { permissions } = useMe();
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const debouncedQuery = useDebounced(query.trim());
  const paging = useCursorPages(`${filter}:${debouncedQuery}`);
  const [generation, setGeneration] = useState(0);
  const list = useApiQuery<ApiPage<ProductRow>>(
    withQuery('/api/products', { query: debouncedQuery, filter, cursor: paging.cursor, limit: PAGE_SIZE, v: generation || null }),
  );
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const [drafts, setDrafts] = useState<Record<string, LoyaltyDraft>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError>();
  const [bulkOpen, setBulkOpen] = useState(false);
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    items.map((item) => ({ id: item.productId })),
  );
  const readOnly = !permissions.editProducts;

  const draftFor = (row: ProductRow): LoyaltyDraft => drafts[row.productId] ?? draftOf(row.loyalty);
  const changeDraft = (row: ProductRow, patch: Partial<LoyaltyDraft>) =>
    setDrafts((current) => ({ ...current, [row.productId]: { ...(current[row.productId] ?? draftOf(row.loyalty)), ...patch } }));
  const dirtyIds = Object.keys(drafts);
  const errorsById = Object.fromEntries(dirtyIds.map((id) => [id, validateLoyalty(drafts[id]!, t, formatNumber)]));
  const invalid = dirtyIds.some((id) => hasErrors(errorsById[id]!));

  const reload = () => setGeneration((value) => value + 1);

  const save = async () => {
    if (invalid || dirtyIds.length === 0) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      await apiSend('PUT', '/api/products-loyalty', { items: dirtyIds.map((productId) => ({ productId, settings: settingsOf(drafts[productId]!) })) });
      showToast(t('products.saved', { count: dirtyIds.length }));
      setDrafts({});
      reload();
    } catch (error) {
      setSaveError(toApiError(error));
    } finally {
      setSaving(false);
    }
  };

  const applyBulk = async (settings: Partial<LoyaltySettings>) => {
    const ids = allResourcesSelected ? items.map((item) => item.productId) : selectedResources;
    if (ids.length === 0) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      await apiSend('PUT', '/api/products-loyalty', { items: ids.map((productId) => ({ productId, settings })) });
      showToast(t('products.saved', { count: ids.length }));
      setDrafts((current) => Object.fromEntries(Object.entries(current).filter(([id]) => !ids.includes(id))));
      clearSelection();
      setBulkOpen(false);
      reload();
    } catch (error) {
      setSaveError(toApiError(error));
      setBulkOpen(false);
    } finally {
      setSaving(false);
    }
  };

  const tabs = FILTERS.map((id) => ({ id: `filter-${id}`, content: t(`products.filters.${id}` as TranslationKey), panelID: `products-panel` }));

  return (
    <Page
      title={t('products.title')}
      subtitle={t('products.subtitle')}
      primaryAction={readOnly ? undefined : { content: t('common.save'), onAction: () => void save(), disabled: dirtyIds.length === 0 || invalid, loading: saving }}
      secondaryActions={dirtyIds.length > 0 ? [{ content: t('common.discard'), onAction: () => setDrafts({}) }] : undefined}
    >
      <SaveBar id={SAVE_BAR_ID} open={dirtyIds.length > 0}>
        <button variant="primary" onClick={() => void save()} disabled={invalid || saving} loading={saving ? '' : undefined}>
          {t('common.save')}
        </button>
        <button onClick={() => setDrafts({})}>{t('common.discard')}</button>
      </SaveBar>
      <Layout>
        {readOnly && (
          <Layout.Section>
            <Banner tone="info">
              <p>{t('products.readOnly')}</p>
            </Banner>
          </Layout.Section>
        )}
        {(list.error || saveError) && (
          <Layout.Section>
            {list.error && <ApiErrorBanner title={t('products.error')} error={list.error} onRetry={list.reload} />}
            {saveError && <ApiErrorBanner title={t('products.saveError')} error={saveError} />}
          </Layout.Section>
        )}
        {dirtyIds.length > 0 && (
          <Layout.Section>
            <Banner tone={invalid ? 'critical' : 'info'}>
              <p>{invalid ? t('products.fixErrors') : t('products.unsaved', { count: dirtyIds.length })}</p>
            </Banner>
          </Layout.Section>
        )}
        <Layout.Section>
          <Card padding="0">
            <Tabs tabs={tabs} selected={FILTERS.indexOf(filter)} onSelect={(index) => setFilter(FILTERS[index] ?? 'all')} />
            <Box padding="300">
              <SearchField label={t('products.search')} placeholder={t('products.searchPlaceholder')} value={query} onChange={setQuery} />
            </Box>
            {!list.data && list.loading ? (
              <TableSkeleton />
            ) : (
              <IndexTable
                resourceName={{ singular: t('products.singular'), plural: t('products.plural') }}
                itemCount={items.length}
                selectable={!readOnly}
                selectedItemsCount={allResourcesSelected ? 'All' : selectedResources.length}
                onSelectionChange={handleSelectionChange}
                loading={list.loading}
                promotedBulkActions={[{ content: t('products.bulk.edit'), onAction: () => setBulkOpen(true) }]}
                bulkActions={[
                  { content: t('products.bulk.enable'), onAction: () => void applyBulk({ enabled: true }) },
                  { content: t('products.bulk.disable'), onAction: () => void applyBulk({ enabled: false }) },
                  { content: t('products.bulk.markService'), onAction: () => void applyBulk({ isService: true }) },
                  { content: t('products.bulk.markProduct'), onAction: () => void applyBulk({ isService: false }) },
                ]}
                emptyState={
                  <EmptyState heading={t('products.empty.heading')} image={EMPTY_ILLUSTRATION}>
                    <p>{debouncedQuery || filter !== 'all' ? t('products.empty.filtered') : t('products.empty.body')}</p>
                  </EmptyState>
                }
                headings={[
                  { title: t('products.columns.product') },
                  { title: t('products.columns.earns') },
                  { title: t('products.columns.service') },
                  { title: t('products.columns.mode') },
                  { title: t('products.columns.points') },
                ]}
                pagination={{
                  hasPrevious: paging.hasPrevious,
                  hasNext: Boolean(list.data?.nextCursor),
                  onPrevious: paging.previous,
                  onNext: () => paging.next(list.data?.nextCursor ?? null),
                  label: t('common.pageNumber', { page: paging.pageNumber }),
                }}
              >
                {items.map((row, index) => {
                  const draft = draftFor(row);
                  const errors = errorsById[row.productId] ?? {};
                  const dirty = row.productId in drafts;
                  return (
                    <IndexTable.Row id={row.productId} key={row.productId} position={index} selected={selectedResources.includes(row.productId)} tone={dirty ? 'subdued' : undefined}>
                      <IndexTable.Cell>
                        <BlockStack gap="050">
                          <span data-key-cell>
                            <Link monochrome removeUnderline url={productPath(row.productId)}>
                              <Text as="span" fontWeight="semibold">
                                {row.title}
                              </Text>
                            </Link>
                          </span>
                          <InlineStack gap="100">
                            {row.isGiftCard ? <Badge tone="info">{t('products.kinds.giftCard')}</Badge> : null}
                            {row.productType ? (
                              <Text as="span" tone="subdued" variant="bodySm">
                                {row.productType}
                              </Text>
                            ) : null}
                            {row.status && row.status.toUpperCase() !== 'ACTIVE' ? <Badge>{t('products.draftStatus')}</Badge> : null}
                          </InlineStack>
                        </BlockStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {stopRowClick(
                          <Checkbox
                            label={t('products.inline.earns', { title: row.title })}
                            labelHidden
                            checked={draft.enabled}
                            disabled={readOnly}
                            onChange={(enabled) => changeDraft(row, { enabled })}
                          />,
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {stopRowClick(
                          <Checkbox
                            label={t('products.inline.service', { title: row.title })}
                            labelHidden
                            checked={draft.isService}
                            disabled={readOnly}
                            onChange={(isService) => changeDraft(row, { isService })}
                          />,
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {stopRowClick(
                          <Select
                            label={t('products.inline.mode', { title: row.title })}
                            labelHidden
                            disabled={readOnly || !draft.enabled}
                            options={[
                              { label: t('loyalty.modes.rate'), value: 'rate' },
                              { label: t('loyalty.modes.fixed'), value: 'fixed' },
                            ]}
                            value={draft.pointsMode}
                            onChange={(mode) => changeDraft(row, { pointsMode: mode === 'fixed' ? 'fixed' : 'rate' })}
                          />,
                        )}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {stopRowClick(
                          <div style={{ maxWidth: 160 }}>
                            {draft.pointsMode === 'fixed' ? (
                              <TextField
                                label={t('products.inline.fixedPoints', { title: row.title })}
                                labelHidden
                                type="number"
                                min={0}
                                autoComplete="off"
                                suffix={t('common.pointsShort')}
                                value={draft.fixedPoints}
                                disabled={readOnly || !draft.enabled}
                                onChange={(fixedPoints) => changeDraft(row, { fixedPoints })}
                                error={errors.fixedPoints}
                              />
                            ) : (
                              <TextField
                                label={t('products.inline.multiplier', { title: row.title })}
                                labelHidden
                                type="number"
                                min={0}
                                autoComplete="off"
                                suffix="%"
                                value={draft.multiplierPercent}
                                disabled={readOnly || !draft.enabled}
                                onChange={(multiplierPercent) => changeDraft(row, { multiplierPercent })}
                                error={errors.multiplierPercent}
                              />
                            )}
                          </div>,
                        )}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  );
                })}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
      <BulkEditModal
        open={bulkOpen}
        count={allResourcesSelected ? items.length : selectedResources.length}
        saving={saving}
        onClose={() => setBulkOpen(false)}
        onApply={(settings) => void applyBulk(settings)}
      />
    </Page>
  );
}

function BulkEditModal({ open, count, saving, onClose, onApply }: { open: boolean; count: number; saving: boolean; onClose(): void; onApply(settings: LoyaltySettings): void }) {
  const { t, formatNumber } = useI18n();
  const [draft, setDraft] = useState<LoyaltyDraft>(() => draftOf({ enabled: true, isService: true, pointsMode: 'fixed', fixedPoints: 0, multiplierPercent: 100 }));
  const [touched, setTouched] = useState(false);
  const errors = validateLoyalty(draft, t, formatNumber);
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={t('products.bulk.title', { count })}
      primaryAction={{
        content: t('products.bulk.apply', { count }),
        loading: saving,
        onAction: () => {
          setTouched(true);
          if (!hasErrors(errors)) onApply(settingsOf(draft));
        },
      }}
      secondaryActions={[{ content: t('common.cancel'), onAction: onClose }]}
    >
      <Modal.Section>
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            {t('products.bulk.body')}
          </Text>
          <LoyaltyFields draft={draft} onChange={setDraft} errors={touched ? errors : {}} />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
