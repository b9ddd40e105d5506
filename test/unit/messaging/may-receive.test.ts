import { CAMPAIGN_MESSAGE_EVENTS } from '../../../web/contracts/messaging-api';
import { decideReceive, mayReceive } from '../../../web/core/messaging/may-receive';
import { MESSAGE_EVENTS } from '../../../web/core/messaging/message-events';
import { messageCategory } from '../../../web/core/messaging/message-categories';

describe('mayReceive', () => {
  it('sends marketing only to members with a granted marketing consent', () => {
    expect(mayReceive({ category: 'marketing', consents: [{ purpose: 'marketing', granted: true }], transactionalOptOut: false })).toBe(true);
    expect(mayReceive({ category: 'marketing', consents: [{ purpose: 'marketing', granted: false }], transactionalOptOut: false })).toBe(false);
  });

  it('treats a member with no recorded consent as not consenting to marketing', () => {
    expect(decideReceive({ category: 'marketing', consents: [], transactionalOptOut: false })).toEqual({
      allowed: false,
      reason: 'NO_MARKETING_CONSENT',
    });
  });

  it('does not count a granted consent for another purpose as marketing consent', () => {
    expect(mayReceive({ category: 'marketing', consents: [{ purpose: 'other', granted: true }], transactionalOptOut: false })).toBe(false);
  });

  it('counts a channel-specific marketing consent only for its own channel', () => {
    const consents = [{ purpose: 'marketing' as const, channel: 'email' as const, granted: true }];
    expect(mayReceive({ category: 'marketing', channel: 'email', consents, transactionalOptOut: false })).toBe(true);
    expect(mayReceive({ category: 'marketing', channel: 'sms', consents, transactionalOptOut: false })).toBe(false);
    expect(mayReceive({ category: 'marketing', consents, transactionalOptOut: false })).toBe(false);
  });

  it('sends transactional messages without marketing consent unless the member opted out', () => {
    expect(mayReceive({ category: 'transactional', consents: [], transactionalOptOut: false })).toBe(true);
    expect(decideReceive({ category: 'transactional', consents: [{ purpose: 'marketing', granted: true }], transactionalOptOut: true })).toEqual({
      allowed: false,
      reason: 'TRANSACTIONAL_OPT_OUT',
    });
  });

  it('does not let a transactional opt-out revoke an explicit marketing consent', () => {
    expect(mayReceive({ category: 'marketing', consents: [{ purpose: 'marketing', granted: true }], transactionalOptOut: true })).toBe(true);
  });
});

describe('messageCategory', () => {
  it('classes every event message, welcome included, as transactional, and every campaign message as marketing', () => {
    for (const event of MESSAGE_EVENTS) expect(messageCategory(event)).toBe((CAMPAIGN_MESSAGE_EVENTS as readonly string[]).includes(event) ? 'marketing' : 'transactional');
    expect(messageCategory('welcome')).toBe('transactional');
    expect(messageCategory('birthday')).toBe('marketing');
  });
});
