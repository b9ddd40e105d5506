import { BlockStack, Box, Card, EmptyState, IndexTable, InlineGrid, InlineStack, Layout, Link, Page, Select, Text, useBreakpoints, useIndexResourceState } from '@shopify/polaris';
import { SearchField } from '../components/search-field';
import { useState } from 'react';
import { AddToGroupModal } from '../components/add-to-group-modal';
import { ApiErrorBanner } from '../components/api-error-banner';
import { EMPTY_ILLUSTRATION } from '../components/empty-illustration';
import { LimitedToLocationsBanner } from '../components/limited-to-locations-banner';
import { TableSkeleton } from '../components/page-skeleton';
import { useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { Member, Page as ApiPage } from '../../../contracts/admin-api';
import type { CustomerGroupView } from '../../../contracts/groups-api';
import { hrefFor } from '../router';
import { memberName } from '../lib/member-name';
import { useCursorPages } from '../lib/use-cursor-pages';
import { useDebounced } from '../lib/use-debounced';

const PAGE_SIZE = 25;

export function MembersPage() {
  const { t, formatNumber, formatMoney, formatDate } = useI18n();
  const { smDown } = useBreakpoints();
  const { me } = useMe();
  const [query, setQuery] = useState(() => new URLSearchParams(window.location.search).get('query') ?? '');
  const [groupId, setGroupId] = useState(() => new URLSearchParams(window.location.search).get('groupId') ?? '');
  const debouncedQuery = useDebounced(query.trim());
  const paging = useCursorPages(`${debouncedQuery}\n${groupId}`);
  const { data, error, loading, reload } = useApiQuery<ApiPage<Member>>(
    withQuery('/api/members', { query: debouncedQuery, groupId, cursor: paging.cursor, limit: PAGE_SIZE }),
  );
  const items = data?.items ?? [];
  const { permissions } = useMe();
  const groups = useApiQuery<{ items: CustomerGroupView[] }>('/api/groups');
  const groupItems = groups.data?.items ?? [];
  // Selecting members is for adding them to a manual group (managers and owners).
  const selectable = permissions.editGroups && groupItems.some((group) => group.kind === 'manual');
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState<{ id: string }>(items);
  const [adding, setAdding] = useState(false);
  const chooseGroup = (next: string) => {
    setGroupId(next);
    clearSelection();
    window.history.replaceState(null, '', hrefFor(withQuery('/members', { groupId: next, query: query.trim() })));
  };
  const resourceName = { singular: t('members.singular'), plural: t('members.plural') };
  // The member's name linking to their page: the row's key cell on a phone and on a wide screen.
  const nameLink = (member: (typeof items)[number]) => (
    <span data-key-cell>
      <Link dataPrimaryLink monochrome removeUnderline url={`/members/${encodeURIComponent(member.id)}`}>
        <Text as="span" fontWeight="semibold">
          {memberName(member) || t('members.unnamed')}
        </Text>
      </Link>
    </span>
  );

  return (
    <Page title={t('members.title')} subtitle={t('members.subtitle')}>
      <Layout>
        {error && (
          <Layout.Section>
            <ApiErrorBanner title={t('members.error')} error={error} onRetry={reload} />
          </Layout.Section>
        )}
        {(me?.locationIds ?? []).length > 0 && (
          <Layout.Section>
            <LimitedToLocationsBanner />
          </Layout.Section>
        )}
        <Layout.Section>
          <Card padding="0">
            <Box padding="300">
              <InlineGrid columns={{ xs: 1, md: ['twoThirds', 'oneThird'] }} gap="300">
                <SearchField label={t('members.search')} placeholder={t('members.searchPlaceholder')} value={query} onChange={setQuery} />
                <Select
                  labelInline
                  label={t('groups.memberList.filter')}
                  options={[{ label: t('groups.memberList.any'), value: '' }, ...groupItems.map((group) => ({ label: group.name, value: group.id })), ...(groupId && !groupItems.some((group) => group.id === groupId) ? [{ label: groupId, value: groupId }] : [])]}
                  value={groupId}
                  onChange={chooseGroup}
                />
              </InlineGrid>
            </Box>
            {!data && loading ? (
              <TableSkeleton />
            ) : (
              <IndexTable
                condensed={smDown}
                resourceName={resourceName}
                itemCount={items.length}
                selectable={selectable}
                selectedItemsCount={allResourcesSelected ? 'All' : selectedResources.length}
                onSelectionChange={handleSelectionChange}
                promotedBulkActions={selectable ? [{ content: t('groups.memberList.addToGroup'), onAction: () => setAdding(true) }] : undefined}
                loading={loading}
                emptyState={
                  <EmptyState heading={debouncedQuery ? t('members.emptySearch.heading') : t('members.empty.heading')} image={EMPTY_ILLUSTRATION}>
                    <p>{debouncedQuery ? t('members.emptySearch.body', { query: debouncedQuery }) : t('members.empty.body')}</p>
                  </EmptyState>
                }
                headings={[
                  { title: t('members.columns.name') },
                  { title: t('members.columns.contact') },
                  { title: t('members.columns.balance'), alignment: 'end' },
                  { title: t('members.columns.pending'), alignment: 'end' },
                  { title: t('members.columns.lifetimeSpend'), alignment: 'end' },
                  { title: t('members.columns.lastVisit') },
                ]}
                pagination={{
                  hasPrevious: paging.hasPrevious,
                  hasNext: Boolean(data?.nextCursor),
                  onPrevious: paging.previous,
                  onNext: () => paging.next(data?.nextCursor ?? null),
                  label: t('common.pageNumber', { page: paging.pageNumber }),
                }}
              >
                {items.map((member, index) =>
                  smDown ? (
                    // On a phone each member is a list item: name and contact, balance on the right.
                    <IndexTable.Row id={member.id} key={member.id} position={index} selected={selectedResources.includes(member.id)}>
                      <div style={{ padding: '12px 16px' }}>
                        <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                          <BlockStack gap="050">
                            {nameLink(member)}
                            <Text as="span" tone="subdued" variant="bodySm" breakWord>
                              {[member.email, member.phone].filter(Boolean).join(' · ') || '—'}
                            </Text>
                          </BlockStack>
                          <BlockStack gap="050" inlineAlign="end">
                            <span data-key-cell>
                              <Text as="span" numeric fontWeight="semibold">
                                {t('common.pointsValue', { points: formatNumber(member.balance) })}
                              </Text>
                            </span>
                            {member.pendingPoints > 0 && (
                              <Text as="span" tone="subdued" variant="bodySm">
                                {t('member.pendingBadge', { points: formatNumber(member.pendingPoints) })}
                              </Text>
                            )}
                          </BlockStack>
                        </InlineStack>
                      </div>
                    </IndexTable.Row>
                  ) : (
                  <IndexTable.Row
                    id={member.id}
                    key={member.id}
                    position={index}
                    selected={selectedResources.includes(member.id)}
                  >
                    <IndexTable.Cell>
                      {nameLink(member)}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" tone="subdued">
                        {[member.email, member.phone].filter(Boolean).join(' · ') || '—'}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <span data-key-cell>
                        <Text as="span" alignment="end" numeric>
                          {formatNumber(member.balance)}
                        </Text>
                      </span>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric tone={member.pendingPoints > 0 ? undefined : 'subdued'}>
                        {formatNumber(member.pendingPoints)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {formatMoney(member.lifetimeSpendMinor, member.currency)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatDate(member.lastVisitAt)}</IndexTable.Cell>
                  </IndexTable.Row>
                  ),
                )}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
      {adding && (
        <AddToGroupModal
          open
          memberIds={selectedResources}
          groups={groupItems}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            clearSelection();
            groups.reload();
            reload();
          }}
        />
      )}
    </Page>
  );
}
