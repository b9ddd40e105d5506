import { bulkDraftProblems } from '../../../web/core/bulk-messages/bulk-message-input';
import { estimateSmsCost } from '../../../web/core/bulk-messages/sms-pricing';
import { countSmsSegments } from '../../../web/core/messaging/count-sms-segments';

const uah = { pricePerSegment: { amountMinor: 101, currency: 'UAH' } };

describe('SMS segments and the estimated cost of a bulk SMS', () => {
  it('bills Latin text as GSM-7: 160 characters in one segment, 153 per part beyond', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(estimateSmsCost(1_000, countSmsSegments('a'.repeat(161)).segments, uah).total).toEqual({ amountMinor: 202_000, currency: 'UAH' });
  });

  it('bills Ukrainian per 70 characters (UCS-2, as seed 001 prices it): 70 in one, 71 in two', () => {
    expect(countSmsSegments('ї'.repeat(70))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(countSmsSegments('Привіт! '.repeat(9))).toMatchObject({ encoding: 'UCS-2', characters: 72, segments: 2 });
    expect(estimateSmsCost(3, 2, uah)).toEqual({ segments: 6, pricePerSegment: { amountMinor: 101, currency: 'UAH' }, total: { amountMinor: 606, currency: 'UAH' } });
  });

  it('switches a Latin text with one emoji to UCS-2, counting the emoji as two units', () => {
    expect(countSmsSegments(`${'a'.repeat(68)}🎉`)).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1 });
    expect(countSmsSegments(`${'a'.repeat(69)}🎉`)).toEqual({ encoding: 'UCS-2', characters: 71, segments: 2 });
  });

  it('refuses an SMS over 300 characters, unknown variables and an empty SMS when SMS is chosen', () => {
    const content = { nl: { subject: '', html: '', text: '', sms: `${'x'.repeat(301)}` } };
    const draft = { name: 'x', audience: { allMembers: true, groupIds: [] }, channels: 'sms' as const, content };
    expect(bulkDraftProblems(draft, 'nl').map((p) => p.message)).toEqual(['The SMS is 301 characters; the limit is 300.']);
    const unknown = { ...draft, content: { nl: { ...content.nl, sms: 'Hi %points% %first_name%' } } };
    expect(bulkDraftProblems(unknown, 'nl').map((p) => p.message)).toEqual([expect.stringContaining('%points% is not available')]);
    const empty = { ...draft, channels: 'both' as const, content: { nl: { subject: 'S', html: '<p>H</p>', text: 'T', sms: ' ' } } };
    expect(bulkDraftProblems(empty, 'nl').map((p) => p.field)).toEqual(['sms']);
    expect(bulkDraftProblems({ ...empty, audience: { allMembers: false, groupIds: [] } }, 'en').map((p) => p.field)).toEqual(['audience', 'content', 'sms']);
  });
});
