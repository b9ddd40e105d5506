import { bestSpendTierTable } from '../../../web/core/groups/member-earning-benefits';
import { groupTag, isManagedTag, segmentQueryOf, slugOf } from '../../../web/core/groups/group-shopify-names';
import { isRewardVisibleTo, parseVisibleToGroups } from '../../../web/core/groups/reward-visibility';
import { defaultSpendTiers } from '../../../web/core/earning/spend-tiers';

describe('names of a discount group in Shopify', () => {
  it('tags members with the prefix and a plain slug of the group name, quotes safely in the segment', () => {
    expect(groupTag('loyalty-', 'Gold VIP')).toBe('loyalty-gold-vip');
    expect(groupTag('loyalty-', 'Złoty Klub')).toBe('loyalty-zloty-klub');
    expect(groupTag('vip_', "O'Brien's  club!")).toBe('vip_o-brien-s-club');
    expect(groupTag('loyalty-', '★★★')).toBe('loyalty-group');
    expect(slugOf('Платина Клуб')).toBe('платина-клуб');
    expect(slugOf('Ærø Øst')).toBe('aero-ost');
    expect(segmentQueryOf(groupTag('loyalty-', "O'Brien"))).toBe("customer_tags CONTAINS 'loyalty-o-brien'");
  });

  it("treats every tag with the prefix as the app's, whatever its case", () => {
    expect(isManagedTag('loyalty-', 'Loyalty-Gold')).toBe(true);
    expect(isManagedTag('loyalty-', 'regular')).toBe(false);
    expect(isManagedTag('', 'anything')).toBe(false);
  });
});

describe('rewards limited to groups', () => {
  it('shows a reward for everyone to all, a limited one only to members of its groups', () => {
    expect(isRewardVisibleTo([], new Set())).toBe(true);
    expect(isRewardVisibleTo(['gold'], new Set(['silver']))).toBe(false);
    expect(isRewardVisibleTo(['gold', 'vip'], new Set(['vip']))).toBe(true);
    expect(parseVisibleToGroups('not json')).toEqual([]);
  });
});

describe('group spend-tier tables', () => {
  it('picks the table paying the highest rate at the member spend', () => {
    const flat4 = [{ fromMinor: 0, basisPoints: 400 }];
    const seed001 = defaultSpendTiers('EUR');
    expect(bestSpendTierTable([seed001, flat4], 50_000, 'EUR')).toBe(flat4);
    expect(bestSpendTierTable([seed001, flat4], 400_000, 'EUR')).toBe(seed001);
    expect(bestSpendTierTable([], 0, 'EUR')).toBeNull();
  });
});
