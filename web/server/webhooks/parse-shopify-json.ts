// Shopify's REST webhook bodies carry 64-bit ids as bare JSON integers (line item product_id and
// variant_id, refund order_id, compliance customer ids have no GID beside them). JSON.parse turns an
// integer above 2^53 into the nearest double, a different id, and no reviver can recover the digits.
// So before JSON.parse, every integer literal too long to be sure of (16 digits or more) is quoted:
// it arrives in the payload as its exact digit string, which the payload schemas accept as an id.

import { withoutNulBytes } from '../../core/text/nul-bytes';

/** Integers of up to 15 digits are always exact in a double; longer ones may not be. */
const MAX_EXACT_DIGITS = 15;

/**
 * JSON.parse, except that integer literals of 16 or more digits become strings of their digits
 * ("-" kept). Fractions and exponents are left to JSON.parse: Shopify sends amounts as strings.
 * NUL characters are dropped from strings: a NUL in e.g. a customer's name would otherwise fail the
 * order for good on PostgreSQL (see core/text/nul-bytes). Throws SyntaxError exactly when JSON.parse would.
 */
export function parseShopifyJson(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text), withoutNulBytes);
}

function quoteLongIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      // Skip the string, honouring escapes; an unterminated one is left for JSON.parse to reject.
      i++;
      while (i < length) {
        const inner = text.charCodeAt(i);
        if (inner === 0x5c /* \ */) i += 2;
        else if (inner === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (char === 0x2d /* - */ || (char >= 0x30 && char <= 0x39)) {
      const start = i;
      if (char === 0x2d) i++;
      const digitsStart = i;
      while (i < length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
      const digits = i - digitsStart;
      const next = i < length ? text[i] : '';
      const isInteger = next !== '.' && next !== 'e' && next !== 'E';
      if (isInteger && digits > MAX_EXACT_DIGITS && text[digitsStart] !== '0') {
        out += `${text.slice(copiedUpTo, start)}"${text.slice(start, i)}"`;
        copiedUpTo = i;
      } else {
        // Skip the rest of a fraction or exponent so its digits are not read as a new number.
        while (i < length && /[0-9.eE+-]/.test(text[i]!)) i++;
      }
      continue;
    }
    i++;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}
