// A member's bookings with the desk's actions (check in; no-show and cancel for managers and owners,
// who may void or claw back points), and the booking history: every reschedule, no-show, check-in and
// time set, with its reason and who or what reported it.
import { Badge, BlockStack, Button, Card, InlineStack, SkeletonBodyText, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { BookingChangeAnswer, BookingEventView, MemberBooking } from '../../../contracts/bookings-api';
import { apiSend, toApiError, useApiQuery, type ApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import type { TranslationKey } from '../i18n';
import { ApiErrorBanner } from './api-error-banner';

const SHOWN = 10;
const RECENT_MS = 7 * 24 * 3600_000;
/** Desk actions make sense while points are pending, and for a week after the appointment (a late no-show). */
const actionable = (booking: MemberBooking, now: number) =>
  booking.status === 'booked' && (booking.pendingPoints > 0 || !booking.start || Date.parse(booking.start) > now - RECENT_MS);

const STATUS_TONE: Record<string, 'success' | 'attention' | 'critical' | 'info' | undefined> = { booked: 'info', completed: 'success', no_show: 'critical', cancelled: 'attention' };

export function MemberBookings({ memberId, onChanged }: { memberId: string; onChanged(): void }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { me } = useMe();
  const mayWithdraw = !me || me.role !== 'staff';
  const query = useApiQuery<{ items: MemberBooking[]; events: BookingEventView[] }>(`/api/members/${encodeURIComponent(memberId)}/bookings`);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [note, setNote] = useState<string | null>(null);

  const act = async (booking: MemberBooking, action: 'check-in' | 'no_show' | 'cancelled') => {
    const ref = booking.lineItemId ? { lineItemId: booking.lineItemId } : { bookingId: booking.bookingId };
    setBusy(`${booking.lineItemId ?? booking.bookingId}:${action}`);
    setError(undefined);
    try {
      const answer = action === 'check-in'
        ? await apiSend<BookingChangeAnswer>('POST', '/api/bookings/check-in', ref)
        : await apiSend<BookingChangeAnswer>('POST', '/api/bookings/outcome', { ...ref, outcome: action });
      setNote(answer.applied ? null : answer.note);
      query.reload();
      onChanged();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  };
  const status = (value: string) => t(`bookings.statuses.${value}` as TranslationKey);
  const when = (start: string | null) => (start ? formatDateTime(start) : t('bookings.noTime'));

  return (
    <Card>
      <div data-testid="member-bookings">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t('bookings.member.title')}
          </Text>
          {query.error && <ApiErrorBanner title={t('bookings.member.error')} error={query.error} onRetry={query.reload} />}
          {error && <ApiErrorBanner title={t('bookings.member.actionError')} error={error} />}
          {note && (
            <Text as="p" tone="subdued">
              {note}
            </Text>
          )}
          {!query.data && query.loading ? (
            <SkeletonBodyText lines={3} />
          ) : (query.data?.items ?? []).length === 0 ? (
            <Text as="p" tone="subdued">
              {t('bookings.member.empty')}
            </Text>
          ) : (
            <BlockStack gap="300" as="ul">
              {query.data!.items.slice(0, SHOWN).map((booking) => {
                const key = booking.lineItemId ?? booking.bookingId ?? '';
                return (
                  <li key={key} style={{ listStyle: 'none' }}>
                    <BlockStack gap="100">
                      <InlineStack align="space-between" gap="200" wrap={false} blockAlign="start">
                        <BlockStack gap="050">
                          <Text as="span" fontWeight="semibold">
                            {booking.title || t('bookings.untitled')}
                          </Text>
                          <Text as="span" tone="subdued" variant="bodySm">
                            {[when(booking.start), booking.orderName].filter(Boolean).join(' · ')}
                          </Text>
                          {booking.pendingPoints > 0 && (
                            <Text as="span" tone="subdued" variant="bodySm">
                              {t('bookings.member.pending', { points: formatNumber(booking.pendingPoints), date: booking.availableAt ? formatDateTime(booking.availableAt) : '—' })}
                            </Text>
                          )}
                        </BlockStack>
                        <Badge tone={STATUS_TONE[booking.status]}>{status(booking.status)}</Badge>
                      </InlineStack>
                      {actionable(booking, Date.now()) && (
                        <InlineStack gap="200">
                          <Button size="slim" loading={busy === `${key}:check-in`} onClick={() => void act(booking, 'check-in')}>
                            {t('bookings.actions.checkIn')}
                          </Button>
                          {mayWithdraw && (
                            <>
                              <Button size="slim" tone="critical" loading={busy === `${key}:no_show`} onClick={() => void act(booking, 'no_show')}>
                                {t('bookings.actions.noShow')}
                              </Button>
                              <Button size="slim" loading={busy === `${key}:cancelled`} onClick={() => void act(booking, 'cancelled')}>
                                {t('bookings.actions.cancel')}
                              </Button>
                            </>
                          )}
                        </InlineStack>
                      )}
                    </BlockStack>
                  </li>
                );
              })}
            </BlockStack>
          )}
          <Text as="h3" variant="headingSm">
            {t('bookings.history.title')}
          </Text>
          {(query.data?.events ?? []).length === 0 ? (
            <Text as="p" tone="subdued">
              {t('bookings.history.empty')}
            </Text>
          ) : (
            <BlockStack gap="200" as="ul">
              {query.data!.events.map((event) => (
                <li key={event.id} style={{ listStyle: 'none' }} data-testid="booking-event">
                  <BlockStack gap="050">
                    <Text as="span" fontWeight="semibold">
                      {t(`bookings.kinds.${event.kind}` as TranslationKey)} · {event.title || t('bookings.untitled')}
                    </Text>
                    {(event.kind === 'rescheduled' || event.kind === 'time_set') && (
                      <Text as="span" variant="bodySm">
                        {t('bookings.history.moved', { from: when(event.oldStart), to: when(event.newStart) })}
                      </Text>
                    )}
                    {event.pointsVoided > 0 && <Text as="span" variant="bodySm">{t('bookings.history.voided', { points: formatNumber(event.pointsVoided) })}</Text>}
                    {event.pointsClawedBack > 0 && <Text as="span" variant="bodySm">{t('bookings.history.clawedBack', { points: formatNumber(event.pointsClawedBack) })}</Text>}
                    <Text as="span" tone="subdued" variant="bodySm">
                      {[formatDateTime(event.at), t(`bookings.sources.${event.source}` as TranslationKey), event.reason].filter(Boolean).join(' · ')}
                    </Text>
                  </BlockStack>
                </li>
              ))}
            </BlockStack>
          )}
        </BlockStack>
      </div>
    </Card>
  );
}
