// "No-show" on a report row whose points came from a booking (an order's service line or a booking-system
// booking): for managers and owners, who may void or claw back points. The server refuses a product line.
import { Button } from '@shopify/polaris';
import { useState } from 'react';
import type { BookingChangeAnswer } from '../../../contracts/bookings-api';
import { apiSend, toApiError } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useMe } from '../hooks/use-me';
import { showToast } from '../lib/toast';

type BookingEntry = { type: string; status: string; sourceType: string; sourceId: string; description: string };

export function isBookingEarn(entry: BookingEntry): boolean {
  return entry.type === 'earn' && entry.status !== 'voided' && (entry.sourceType === 'line_item' || entry.sourceType === 'booking');
}

export function BookingNoShowButton({ entry, onDone }: { entry: BookingEntry; onDone(): void }) {
  const { t } = useI18n();
  const { me } = useMe();
  const [busy, setBusy] = useState(false);
  if (!isBookingEarn(entry) || (me && me.role === 'staff')) return null;
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
