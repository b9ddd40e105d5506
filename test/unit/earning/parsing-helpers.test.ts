import { matchPropertyName, normalizePropertyName } from '../../../web/core/earning/booking-property-names';
import { dateOrderForLocale } from '../../../web/core/earning/date-order';
import { monthFromWord } from '../../../web/core/earning/month-names';
import { parseDurationMinutes } from '../../../web/core/earning/parse-duration';
import { parseTimeText } from '../../../web/core/earning/parse-time-text';

describe('dateOrderForLocale', () => {
  test.each([
    ['en', 'MDY'], ['en-US', 'MDY'], ['en_US', 'MDY'], ['EN-us', 'MDY'],
    ['en-GB', 'DMY'], ['en-CA', 'DMY'], ['nl', 'DMY'], ['da', 'DMY'], ['pl', 'DMY'], ['uk', 'DMY'], ['fr-CA', 'DMY'],
  ])('reads ambiguous dates in %p as %s', (locale, order) => {
    expect(dateOrderForLocale(locale)).toBe(order);
  });
});

describe('parseTimeText', () => {
  test.each([
    ['14:00', 14, 0], ['9:05', 9, 5], ['14.30', 14, 30], ['14h00', 14, 0], ['14h', 14, 0],
    ['2 PM', 14, 0], ['2:15 p.m.', 14, 15], ['12 AM', 0, 0], ['12:30 PM', 12, 30], ['kl. 09.45', 9, 45],
  ])('reads %p as %i:%i', (text, hour, minute) => {
    const result = parseTimeText(text);
    expect(typeof result === 'object' && result.start).toEqual({ hour, minute, second: 0 });
  });

  test('does not take a bare number for a time', () => {
    expect(parseTimeText('Room 14')).toBeUndefined();
  });

  test('does not read "am" inside a word ("14:00 Amsterdam")', () => {
    const result = parseTimeText('14:00 Amsterdam');
    expect(typeof result === 'object' && result.start.hour).toBe(14);
  });

  test.each(['25:00', '13 PM', '14:75'])('calls %p invalid', (text) => {
    expect(parseTimeText(text)).toBe('invalid');
  });
});

describe('parseDurationMinutes', () => {
  test.each([
    ['60 min', 60], ['1h 30m', 90], ['90', 90], ['1:30', 90], ['1 hour', 60], ['1 hour 15 minutes', 75],
    ['1.5 hours', 90], ['2 uur', 120], ['45 minutter', 45], ['1 godz. 30 min', 90], ['2 години', 120], ['PT45M', 45],
  ])('reads %p as %i minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  test.each(['', 'long', '0', '60 apples', '20000'])('refuses %p', (text) => {
    expect(parseDurationMinutes(text)).toBeUndefined();
  });
});

describe('property names and months', () => {
  test('normalizes names by dropping case, accents and punctuation', () => {
    expect(normalizePropertyName('_Date & Time:')).toBe('datetime');
    expect(normalizePropertyName('Dzień')).toBe('dzien');
  });

  test('does not match names that merely contain a date word', () => {
    expect(matchPropertyName('Engraving date', undefined)).toBeUndefined();
  });

  test.each([
    ['nov', 11], ['mrt', 3], ['okt', 10], ['maj', 5], ['listopada', 11], ['października', 10], ['листопада', 11], ['берез', undefined], ['Sept.', 9],
  ])('reads the month word %p as %p', (word, month) => {
    expect(monthFromWord(word)).toBe(month);
  });
});
