import { defaultTemplate } from '../../../web/core/messaging/default-templates';
import { previewTemplate } from '../../../web/core/messaging/preview-template';

describe('previewTemplate', () => {
  it('renders subject, HTML, text and SMS for the sample member', () => {
    const preview = previewTemplate('points_credited', defaultTemplate('points_credited', 'en'), {
      firstName: 'Anna',
      lastName: 'de Vries',
      variables: { shop_name: 'Studio Zen', points: 40 },
    });
    expect(preview.subject).toBe("You've earned 40 points at Studio Zen");
    expect(preview.text).toContain('Hi Anna,');
    expect(preview.html).toContain('Hi Anna,');
    expect(preview.sms).toContain('Studio Zen');
    expect(preview.smsSegments).toEqual(expect.objectContaining({ encoding: 'GSM-7', segments: 1 }));
    expect(preview.validation.valid).toBe(true);
  });

  it('derives the full name from first and last name', () => {
    const preview = previewTemplate('welcome', { subject: '%full_name%', html: 'x', text: 'x', sms: '' }, { firstName: 'Anna', lastName: 'de Vries' });
    expect(preview.subject).toBe('Anna de Vries');
    expect(previewTemplate('welcome', { subject: '[%full_name%]', html: 'x', text: 'x', sms: '' }, { firstName: 'Anna' }).subject).toBe('[Anna]');
  });

  it('escapes the sample name in the HTML preview', () => {
    const preview = previewTemplate('welcome', { subject: 's', html: '<b>%first_name%</b>', text: '%first_name%', sms: '' }, { firstName: '<img src=x onerror=alert(1)>' });
    expect(preview.html).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b>');
    expect(preview.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('previews a variable the event does not offer as empty, as it would arrive, and reports it', () => {
    const preview = previewTemplate('welcome', { subject: 'Code %gift_card_code%.', html: 'x', text: 'x', sms: '' }, { firstName: 'A' });
    expect(preview.subject).toBe('Code .');
    expect(preview.validation.unknownVariables).toEqual(['gift_card_code']);
  });

  it('counts segments of the rendered SMS, not of the template', () => {
    const preview = previewTemplate('welcome', { subject: 's', html: 'x', text: 'x', sms: '%first_name%' }, { firstName: 'Олена' });
    expect(preview.smsSegments).toEqual({ encoding: 'UCS-2', characters: 5, segments: 1 });
  });
});
