// "No-show" on a report row whose points are still pending for an appointment (an order line or a
// booking-system booking, with a due date): for managers and owners, who may void points. Products are
// credited at payment, so a pending dated line is almost always a service; the server refuses the rest
// with a clear message. Posted points are marked from the member page, where each booking is listed.
import { Button } from '@shopify/polaris';
import { useState } from 'react';
import type { BookingChangeAnswer } from '../../../contracts/bookings-api';
import { apiSend, toApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { showToast } from '../lib/toast';

type BookingEntry = { type: string; status: string; sourceType: string; sourceId: string; description: string; availableAt: string | null };

export function isPendingBookingEarn(entry: BookingEntry): boolean {
  return entry.type === 'earn' && entry.status === 'pending' && entry.availableAt !== null && (entry.sourceType === 'line_item' || entry.sourceType === 'booking');
}

export function BookingNoShowButton({ entry, onDone }: { entry: BookingEntry; onDone(): void }) {
  const { t } = useI18n();
  const { me } = useMe();
  const [busy, setBusy] = useState(false);
  if (!isPendingBookingEarn(entry) || (me && me.role === 'staff')) return null;
  const mark = async () => {
    setBusy(true);
    try {
      const ref = entry.sourceType === 'booking' ? { bookingId: entry.sourceId } : { lineItemId: entry.sourceId };
      const answer = await apiSend<BookingChangeAnswer>('POST', '/api/bookings/outcome', { ...ref, outcome: 'no_show' });
      showToast(answer.applied ? t('bookings.report.marked') : answer.note ?? t('bookings.report.unchanged'));
      onDone();
    } catch (caught) {
      showToast(toApiError(caught).message, { isError: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="slim" tone="critical" loading={busy} onClick={() => void mark()} accessibilityLabel={t('bookings.report.markFor', { description: entry.description })}>
      {t('bookings.actions.noShow')}
    </Button>
  );
}
