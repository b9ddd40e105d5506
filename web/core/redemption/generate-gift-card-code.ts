import { randomInt } from 'node:crypto';

// No 0/o, 1/l/i: codes are read aloud and typed from e-mails. 16 characters of a 31-letter alphabet
// is about 79 bits, the length Shopify uses for its own generated codes (8-20 allowed).
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function generateGiftCardCode(length = 16): string {
  let code = '';
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
