/** GSM 03.38 basic character set: one septet each. */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** GSM 03.38 extension table: sent as ESC + character, so two septets each. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentCount {
  encoding: SmsEncoding;
  /** Billable units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  characters: number;
  segments: number;
}

const LIMITS: Record<SmsEncoding, { single: number; perPart: number }> = {
  'GSM-7': { single: 160, perPart: 153 },
  // A multipart message loses room to the concatenation header (UDH) in every part.
  'UCS-2': { single: 70, perPart: 67 },
};

/**
 * How the text is encoded and how many SMS it is billed as. One character outside GSM-7 switches
 * the whole message to UCS-2. In multipart messages an escape pair or a surrogate pair is never
 * split across parts (phones would show garbage), so a part may end one unit short.
 */
export function countSmsSegments(text: string): SmsSegmentCount {
  const codePoints = [...text];
  const encoding: SmsEncoding = codePoints.every((char) => GSM7_BASIC.has(char) || GSM7_EXTENSION.has(char))
    ? 'GSM-7'
    : 'UCS-2';

  // String length is UTF-16 code units, so an emoji (a surrogate pair) counts 2 in UCS-2.
  const costs = codePoints.map((char) =>
    encoding === 'GSM-7' ? (GSM7_EXTENSION.has(char) ? 2 : 1) : char.length,
  );
  const characters = costs.reduce((sum, cost) => sum + cost, 0);
  const limit = LIMITS[encoding];

  if (characters === 0) return { encoding, characters, segments: 0 };
  if (characters <= limit.single) return { encoding, characters, segments: 1 };

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limit.perPart) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters, segments };
}
