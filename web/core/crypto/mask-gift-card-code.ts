const DOTS = '•••• •••• ••••';

/**
 * Shows only the last four characters, as Shopify admin does, so staff and the customer can tell
 * cards apart without the code being usable. The masked part has a fixed length so the mask leaks
 * nothing about the code's length; a code of four characters or fewer is masked completely.
 */
export function maskGiftCardCode(code: string): string {
  const compact = code.replace(/[\s-]/g, '');
  if (compact.length <= 4) return `${DOTS} ••••`;
  return `${DOTS} ${compact.slice(-4).toUpperCase()}`;
}
