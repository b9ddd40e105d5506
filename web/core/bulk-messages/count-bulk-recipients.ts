import type { BulkRecipientCount } from '../../contracts/bulk-messages-api';
import type { Db } from '../db-client';
import { sqlClientOf } from '../sql/sql-client';
import { sql, sqlText } from '../sql/sql-query';
import { inAudience, skipReasonFor, type BulkAudienceFilter } from './bulk-audience-sql';

/**
 * The recipients after consent and channel filtering, in one pass over the audience: per member and
 * channel the same skip reason the fan-out will record.
 */
export async function countBulkRecipients(db: Db, audience: BulkAudienceFilter, channels: ReadonlyArray<'email' | 'sms'>): Promise<BulkRecipientCount> {
  const emailReason = skipReasonFor(sqlText(`'email'`));
  const smsReason = skipReasonFor(sqlText(`'sms'`));
  const rows = await sqlClientOf(db).query<{ emailReason: string | null; smsReason: string | null; members: number | bigint }>(sql`
    SELECT r."emailReason", r."smsReason", COUNT(*) AS "members" FROM (
      SELECT ${emailReason} AS "emailReason", ${smsReason} AS "smsReason" FROM "Member" m WHERE ${inAudience(audience)}
    ) r GROUP BY r."emailReason", r."smsReason"`);
  const count: BulkRecipientCount = { audience: 0, email: 0, sms: 0, reachable: 0, skipped: {} };
  const useEmail = channels.includes('email');
  const useSms = channels.includes('sms');
  for (const row of rows) {
    const members = Number(row.members);
    count.audience += members;
    const email = useEmail && row.emailReason === null;
    const sms = useSms && row.smsReason === null;
    if (email) count.email += members;
    if (sms) count.sms += members;
    if (email || sms) {
      count.reachable += members;
      continue;
    }
    const reason = (useEmail ? row.emailReason : row.smsReason) ?? 'NO_CHANNEL';
    count.skipped[reason] = (count.skipped[reason] ?? 0) + members;
  }
  return count;
}
