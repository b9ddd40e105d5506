// The names the app gives a discount group's Shopify objects. The tag is what Shopify segments
// select on, so it is plain: prefix + the group name's slug ("loyalty-" + "Gold VIP" = "loyalty-gold-vip").
// Every tag that starts with the prefix belongs to the app: tag sync removes the ones a member should
// not have, so staff should not use the prefix for tags of their own.

export const DEFAULT_GROUP_TAG_PREFIX = 'loyalty-';

/** Letters without a decomposition of their own (NFKD leaves them as they are). */
const PLAIN_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', œ: 'oe' };

/**
 * Lower case, accents off, anything but letters and digits a dash. Letters of other scripts stay
 * (Shopify tags are Unicode): "Платина" is "платина", not a name every Cyrillic group would share.
 * Two names with one slug ("Gold", "gold!") would share a tag: the group store should refuse such a
 * pair (slugOf is exported for that check).
 */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøæßđðþœ]/g, (letter) => PLAIN_LETTERS[letter]!)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'group';
}

export function groupTag(prefix: string, groupName: string): string {
  return `${prefix}${slugOf(groupName)}`.slice(0, 255);
}

export function isManagedTag(prefix: string, tag: string): boolean {
  return prefix.length > 0 && tag.toLowerCase().startsWith(prefix.toLowerCase());
}

export function segmentNameOf(groupName: string): string {
  return `Loyalty group: ${groupName}`;
}

/** The segment's query: customers carrying the group's tag (tags are quoted; a quote cannot occur in a slug). */
export function segmentQueryOf(tag: string): string {
  return `customer_tags CONTAINS '${tag}'`;
}

/** Customers see this title at checkout. */
export function discountTitleOf(groupName: string, percent: number): string {
  return `${groupName}: ${percent}% member discount`;
}

/** The discount's own tag, stable across renames, to find a discount a crashed attempt created. */
export function discountTagOf(groupId: string): string {
  return `loyalty-group-${groupId}`;
}
