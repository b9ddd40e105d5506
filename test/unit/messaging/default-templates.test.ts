import { countSmsSegments } from '../../../web/core/messaging/count-sms-segments';
import { defaultTemplate } from '../../../web/core/messaging/default-templates';
import { MESSAGE_EVENTS } from '../../../web/core/messaging/message-events';
import { MESSAGE_LANGUAGES, SMS_MAX_CHARACTERS } from '../../../web/core/messaging/message-template';
import { previewTemplate } from '../../../web/core/messaging/preview-template';
import { validateTemplate } from '../../../web/core/messaging/validate-template';

const everyTemplate = MESSAGE_EVENTS.flatMap((event) => MESSAGE_LANGUAGES.map((language) => ({ event, language })));

describe('default templates', () => {
  it.each(everyTemplate)('$event in $language passes validation', ({ event, language }) => {
    expect(validateTemplate(event, defaultTemplate(event, language))).toMatchObject({ valid: true, problems: [] });
  });

  it.each(everyTemplate)('$event in $language has an SMS that stays under the limit once filled in', ({ event, language }) => {
    const preview = previewTemplate(event, defaultTemplate(event, language), {
      firstName: 'Alexandra',
      lastName: 'Kowalczyk',
      variables: {
        shop_name: 'Studio Zen Wellness',
        portal_url: 'https://studio-zen.myshopify.com/apps/loyalty',
        description: 'Correction for your visit on 12 May',
        gift_card_value: '€25.00',
      },
    });
    expect(preview.sms.length).toBeGreaterThan(0);
    expect([...preview.sms].length).toBeLessThanOrEqual(SMS_MAX_CHARACTERS);
    expect(preview.smsSegments.segments).toBeLessThanOrEqual(5);
  });

  it('is written in each language, not copied from English', () => {
    for (const event of MESSAGE_EVENTS) {
      const subjects = MESSAGE_LANGUAGES.map((language) => defaultTemplate(event, language).subject);
      expect(new Set(subjects).size).toBe(MESSAGE_LANGUAGES.length);
    }
  });

  it('writes Ukrainian in Cyrillic', () => {
    for (const event of MESSAGE_EVENTS) {
      const template = defaultTemplate(event, 'uk');
      expect(template.text).toMatch(/[\u0400-\u04FF]{4,}/);
      expect(template.text.replace(/%[a-z_]+%/g, '')).not.toMatch(/\b(points|punten|point|pkt)\b/);
    }
  });

  it('sends English SMS as GSM-7 so the common case costs one or two segments', () => {
    for (const event of MESSAGE_EVENTS) {
      expect(countSmsSegments(defaultTemplate(event, 'en').sms).encoding).toBe('GSM-7');
    }
  });

  it('declares the language on the HTML body', () => {
    expect(defaultTemplate('welcome', 'da').html).toContain('<html lang="da">');
  });

  it('puts the gift card code in the e-mail but keeps it out of the default SMS', () => {
    for (const language of MESSAGE_LANGUAGES) {
      const template = defaultTemplate('gift_card_issued', language);
      expect(template.html).toContain('%gift_card_code%');
      expect(template.text).toContain('%gift_card_code%');
      expect(template.sms).not.toContain('%gift_card_code%');
    }
  });

  it('shows the reason the customer sees on a manual balance change', () => {
    for (const language of MESSAGE_LANGUAGES) {
      const template = defaultTemplate('balance_adjusted', language);
      for (const field of ['html', 'text', 'sms'] as const) expect(template[field]).toContain('%description%');
    }
  });

  it('tells the member the points came back when a reward failed', () => {
    for (const language of MESSAGE_LANGUAGES) {
      expect(defaultTemplate('reward_failed', language).text).toContain('%points%');
    }
  });

  it('gives the expiry date in the points-expiring message', () => {
    for (const language of MESSAGE_LANGUAGES) {
      const template = defaultTemplate('points_expiring', language);
      expect(template.text).toContain('%expiry_date%');
      expect(template.sms).toContain('%expiry_date%');
    }
  });
});
