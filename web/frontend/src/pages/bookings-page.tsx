// Bookings: appointments whose time the reader could not parse (staff set it, which schedules the
// credit), booking-system events whose customer matched no member, and, for owners, the booking
// settings: the no-show order tag, crediting at check-in, and the booking-events endpoint with its
// secret and the Acuity Scheduling connection (docs/booking-events.md).
import { Banner, BlockStack, Box, Button, Card, Checkbox, InlineStack, Layout, Page, SkeletonBodyText, Text, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { BookingChangeAnswer, BookingReviewItem, BookingSettingsView } from '../../../contracts/bookings-api';
import { ApiErrorBanner } from '../components/api-error-banner';
import { MemberPicker, type PickedMember } from '../components/member-picker';
import { apiSend, toApiError, useApiQuery, type ApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';

interface AppointmentIssue {
  lineItemId: string;
  orderId: string;
  orderName: string;
  title: string;
  issue: string | null;
  properties: Array<{ name: string; value: string }>;
}

/** A datetime-local value (the browser's time zone) as an ISO instant. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

function AppointmentIssueRow({ item }: { item: AppointmentIssue }) {
  const { t, formatDateTime } = useI18n();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const answer = await apiSend<BookingChangeAnswer>('PUT', `/api/orders/appointment-issues/${encodeURIComponent(item.lineItemId)}/time`, { start: isoOf(start), ...(end ? { end: isoOf(end) } : {}) });
      setSaved(answer.availableAt ? t('bookings.issues.scheduled', { date: formatDateTime(answer.availableAt) }) : answer.note);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <li style={{ listStyle: 'none' }} data-testid="appointment-issue">
      <BlockStack gap="200">
        <Text as="span" fontWeight="semibold">
          {item.title} · {item.orderName}
        </Text>
        <Text as="span" tone="subdued" variant="bodySm">
          {item.properties.map((p) => `${p.name}: ${p.value}`).join(' · ')}
        </Text>
        {item.issue && (
          <Text as="span" tone="caution" variant="bodySm">
            {item.issue}
          </Text>
        )}
        {error && <ApiErrorBanner title={t('bookings.issues.error')} error={error} />}
        {saved && <Banner tone="success">{saved}</Banner>}
        <InlineStack gap="200" blockAlign="end">
          <TextField label={t('bookings.issues.start')} type="datetime-local" value={start} onChange={setStart} autoComplete="off" />
          <TextField label={t('bookings.issues.end')} type="datetime-local" value={end} onChange={setEnd} autoComplete="off" />
          <Button variant="primary" disabled={!start} loading={saving} onClick={() => void save()}>
            {t('bookings.issues.setTime')}
          </Button>
        </InlineStack>
      </BlockStack>
    </li>
  );
}

/** A booking event whose customer matched no member; a manager can match it to one. */
function ReviewRow({ item, mayAssign, onAssigned }: { item: BookingReviewItem; mayAssign: boolean; onAssigned(): void }) {
  const { t, formatDateTime } = useI18n();
  const [member, setMember] = useState<PickedMember | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const assign = async () => {
    if (!member) return;
    setSaving(true);
    setError(undefined);
    try {
      await apiSend('POST', `/api/bookings/review/${encodeURIComponent(item.id)}/assign`, { memberId: member.id });
      onAssigned();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <li style={{ listStyle: 'none' }} data-testid="booking-review">
      <BlockStack gap="200">
        <Text as="span">{item.note ?? item.eventId}</Text>
        <Text as="span" tone="subdued" variant="bodySm">
          {formatDateTime(item.receivedAt)} · {item.provider}
        </Text>
        {error && <ApiErrorBanner title={t('bookings.review.assignError')} error={error} />}
        {mayAssign && (
          <InlineStack gap="200" blockAlign="end">
            <MemberPicker label={t('bookings.review.member')} value={member} onChange={setMember} />
            <Button disabled={!member} loading={saving} onClick={() => void assign()}>
              {t('bookings.review.assign')}
            </Button>
          </InlineStack>
        )}
      </BlockStack>
    </li>
  );
}

function BookingSettingsCard() {
  const { t } = useI18n();
  const query = useApiQuery<BookingSettingsView>('/api/bookings/settings');
  const [tag, setTag] = useState('');
  const [checkIn, setCheckIn] = useState(false);
  const [acuityUserId, setAcuityUserId] = useState('');
  const [acuityApiKey, setAcuityApiKey] = useState('');
  const [showSecret, setShowSecret] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [view, setView] = useState<BookingSettingsView | undefined>();
  useEffect(() => {
    if (!query.data) return;
    setView(query.data);
    setTag(query.data.noShowOrderTag);
    setCheckIn(query.data.creditOnCheckIn);
    setAcuityUserId(query.data.acuityUserId);
  }, [query.data]);
  const run = async (work: () => Promise<BookingSettingsView>) => {
    setSaving(true);
    setError(undefined);
    try {
      setView(await work());
      setAcuityApiKey('');
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };
  const save = () => run(() => apiSend<BookingSettingsView>('PUT', '/api/bookings/settings', {
    noShowOrderTag: tag, creditOnCheckIn: checkIn, acuity: { userId: acuityUserId, ...(acuityApiKey ? { apiKey: acuityApiKey } : {}) },
  }));
  const rotate = () => run(() => apiSend<BookingSettingsView>('POST', '/api/bookings/settings/secret'));
  if (!view) return <Card>{query.error ? <ApiErrorBanner title={t('bookings.settings.error')} error={query.error} onRetry={query.reload} /> : <SkeletonBodyText lines={6} />}</Card>;
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t('bookings.settings.title')}
        </Text>
        {error && <ApiErrorBanner title={t('bookings.settings.error')} error={error} />}
        <TextField label={t('bookings.settings.noShowTag')} helpText={t('bookings.settings.noShowTagHelp')} value={tag} onChange={setTag} autoComplete="off" maxLength={40} />
        <Checkbox label={t('bookings.settings.creditOnCheckIn')} helpText={t('bookings.settings.creditOnCheckInHelp')} checked={checkIn} onChange={setCheckIn} />
        <Text as="h3" variant="headingSm">
          {t('bookings.settings.endpointTitle')}
        </Text>
        <Text as="p" tone="subdued">
          {t('bookings.settings.endpointHelp')}
        </Text>
        <TextField label={t('bookings.settings.endpointUrl')} value={view.endpointUrl} readOnly autoComplete="off" />
        <TextField
          label={t('bookings.settings.secret')}
          value={showSecret ? view.secret : '•'.repeat(24)}
          readOnly
          autoComplete="off"
          connectedRight={<Button onClick={() => setShowSecret((value) => !value)}>{showSecret ? t('bookings.settings.hide') : t('bookings.settings.show')}</Button>}
        />
        <InlineStack>
          <Button tone="critical" loading={saving} onClick={() => void rotate()}>
            {t('bookings.settings.rotate')}
          </Button>
        </InlineStack>
        <Text as="h3" variant="headingSm">
          {t('bookings.settings.acuityTitle')}
        </Text>
        <Text as="p" tone="subdued">
          {t('bookings.settings.acuityHelp', { url: view.acuityEndpointUrl })}
        </Text>
        <TextField label={t('bookings.settings.acuityUserId')} value={acuityUserId} onChange={setAcuityUserId} autoComplete="off" />
        <TextField
          label={t('bookings.settings.acuityApiKey')}
          type="password"
          value={acuityApiKey}
          onChange={setAcuityApiKey}
          autoComplete="off"
          helpText={view.acuityConnected ? t('bookings.settings.acuityConnected') : t('bookings.settings.acuityNotConnected')}
        />
        <InlineStack>
          <Button variant="primary" loading={saving} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function BookingsPage() {
  const { t } = useI18n();
  const { me } = useMe();
  const issues = useApiQuery<{ items: AppointmentIssue[] }>('/api/orders/appointment-issues');
  const review = useApiQuery<{ items: BookingReviewItem[] }>('/api/bookings/review');
  return (
    <Page title={t('bookings.title')} subtitle={t('bookings.subtitle')}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t('bookings.issues.title')}
                </Text>
                <Text as="p" tone="subdued">
                  {t('bookings.issues.help')}
                </Text>
                {issues.error && <ApiErrorBanner title={t('bookings.issues.error')} error={issues.error} onRetry={issues.reload} />}
                {!issues.data && issues.loading ? (
                  <SkeletonBodyText lines={4} />
                ) : (issues.data?.items ?? []).length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t('bookings.issues.empty')}
                  </Text>
                ) : (
                  <BlockStack gap="400" as="ul">
                    {issues.data!.items.map((item) => (
                      <AppointmentIssueRow key={item.lineItemId} item={item} />
                    ))}
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t('bookings.review.title')}
                </Text>
                {review.error && <ApiErrorBanner title={t('bookings.review.error')} error={review.error} onRetry={review.reload} />}
                {(review.data?.items ?? []).length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t('bookings.review.empty')}
                  </Text>
                ) : (
                  <BlockStack gap="400" as="ul">
                    {review.data!.items.map((item) => (
                      <ReviewRow key={item.id} item={item} mayAssign={!me || me.role !== 'staff'} onAssigned={review.reload} />
                    ))}
                  </BlockStack>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        {me?.role === 'owner' && (
          <Layout.Section variant="oneThird">
            <Box>
              <BookingSettingsCard />
            </Box>
          </Layout.Section>
        )}
      </Layout>
    </Page>
  );
}
