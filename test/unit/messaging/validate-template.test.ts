import { allowedVariables } from '../../../web/core/messaging/message-events';
import type { MessageTemplate } from '../../../web/core/messaging/message-template';
import { validateTemplate } from '../../../web/core/messaging/validate-template';

const ok: MessageTemplate = {
  subject: 'You earned %points% points',
  html: '<p>Hi %first_name%</p>',
  text: 'Hi %first_name%',
  sms: '%shop_name%: +%points%',
};

describe('validateTemplate', () => {
  it('accepts a template that uses only the variables the event offers', () => {
    expect(validateTemplate('points_credited', ok)).toMatchObject({ valid: true, unknownVariables: [], problems: [] });
  });

  it('reports every unknown variable once, with the allowed list', () => {
    const result = validateTemplate('points_credited', { ...ok, subject: '%coupon% %coupon%', text: 'Hi %nickname%' });
    expect(result.valid).toBe(false);
    expect(result.unknownVariables).toEqual(['coupon', 'nickname']);
    expect(result.allowedVariables).toEqual(allowedVariables('points_credited'));
  });

  it('rejects a variable that exists but is not offered for the event', () => {
    const result = validateTemplate('welcome', { ...ok, html: 'Code: %gift_card_code%' });
    expect(result.unknownVariables).toEqual(['gift_card_code']);
    expect(validateTemplate('gift_card_issued', { ...ok, html: 'Code: %gift_card_code%' }).valid).toBe(true);
  });

  it('treats variable names as case-sensitive', () => {
    expect(validateTemplate('welcome', { ...ok, text: '%First_Name%' }).unknownVariables).toEqual(['First_Name']);
  });

  it('offers the common member and shop variables for every event', () => {
    const events = ['points_credited', 'balance_adjusted', 'gift_card_issued', 'reward_failed', 'points_expiring', 'welcome'] as const;
    for (const event of events) {
      expect(allowedVariables(event)).toEqual(
        expect.arrayContaining(['first_name', 'last_name', 'full_name', 'balance', 'shop_name', 'portal_url']),
      );
    }
  });

  it('requires a non-empty, single-line subject', () => {
    expect(validateTemplate('welcome', { ...ok, subject: '  ' }).problems).toEqual([
      expect.objectContaining({ field: 'subject', code: 'REQUIRED' }),
    ]);
    expect(validateTemplate('welcome', { ...ok, subject: 'a\r\nBcc: x@example.com' }).problems).toEqual([
      expect.objectContaining({ field: 'subject', code: 'SUBJECT_MULTILINE' }),
    ]);
  });

  it('allows an SMS of 300 characters and rejects 301', () => {
    expect(validateTemplate('welcome', { ...ok, sms: 'a'.repeat(300) }).valid).toBe(true);
    expect(validateTemplate('welcome', { ...ok, sms: 'a'.repeat(301) }).problems).toEqual([
      expect.objectContaining({ field: 'sms', code: 'SMS_TOO_LONG', length: 301, max: 300 }),
    ]);
  });

  it('counts an emoji as one character towards the SMS limit', () => {
    expect(validateTemplate('welcome', { ...ok, sms: '🎉'.repeat(300) }).valid).toBe(true);
  });

  it('allows an empty SMS, meaning no SMS is sent for the event', () => {
    expect(validateTemplate('welcome', { ...ok, sms: '' }).valid).toBe(true);
  });
});
