import { countSmsSegments } from '../../../web/core/messaging/count-sms-segments';

describe('countSmsSegments', () => {
  it('sends plain Latin text as GSM-7 in one segment', () => {
    expect(countSmsSegments('Hi Anna, you earned 50 points!')).toEqual({ encoding: 'GSM-7', characters: 30, segments: 1 });
  });

  it('keeps GSM-7 accented letters (é, ü, Ø, å) in GSM-7', () => {
    expect(countSmsSegments('Café Müller Øre Århus').encoding).toBe('GSM-7');
  });

  it('fits exactly 160 GSM-7 characters in one segment and splits 161 into two of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters (€, {, }, [, ], ~, ^, |, \\) as two septets', () => {
    expect(countSmsSegments('€')).toEqual({ encoding: 'GSM-7', characters: 2, segments: 1 });
    expect(countSmsSegments('{}[]~^|\\')).toEqual({ encoding: 'GSM-7', characters: 16, segments: 1 });
  });

  it('pushes a message over one segment when extension characters add the 161st septet', () => {
    expect(countSmsSegments('a'.repeat(158) + '€').characters).toBe(160);
    expect(countSmsSegments('a'.repeat(158) + '€').segments).toBe(1);
    expect(countSmsSegments('a'.repeat(159) + '€').segments).toBe(2);
  });

  it('never splits an escape pair across parts', () => {
    // 152 septets then € (2): the € does not fit in the first 153-septet part and starts the second.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);
    expect(countSmsSegments(text)).toEqual({ encoding: 'GSM-7', characters: 306, segments: 3 });
  });

  it('sends Ukrainian text as UCS-2 with 70 characters per single segment', () => {
    const result = countSmsSegments('Вам нараховано бали');
    expect(result).toEqual({ encoding: 'UCS-2', characters: 19, segments: 1 });
  });

  it('fits exactly 70 UCS-2 units in one segment and splits 71 into parts of 67', () => {
    expect(countSmsSegments('б'.repeat(70)).segments).toBe(1);
    expect(countSmsSegments('б'.repeat(71)).segments).toBe(2);
    expect(countSmsSegments('б'.repeat(134)).segments).toBe(2);
    expect(countSmsSegments('б'.repeat(135)).segments).toBe(3);
  });

  it('switches the whole message to UCS-2 for one non-GSM character and counts an emoji as two units', () => {
    const result = countSmsSegments('Thanks 🎉');
    expect(result).toEqual({ encoding: 'UCS-2', characters: 9, segments: 1 });
    expect(countSmsSegments('a'.repeat(68) + '🎉').segments).toBe(1);
    expect(countSmsSegments('a'.repeat(69) + '🎉').segments).toBe(2);
  });

  it('treats Polish diacritics that GSM-7 lacks (ą, ł, ż) as UCS-2', () => {
    expect(countSmsSegments('Dziękujemy za wizytę').encoding).toBe('UCS-2');
  });

  it('reports zero segments for an empty message', () => {
    expect(countSmsSegments('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0 });
  });
});
