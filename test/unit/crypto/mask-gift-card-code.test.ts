import { maskGiftCardCode } from '../../../web/core/crypto/mask-gift-card-code';

describe('maskGiftCardCode', () => {
  it('shows only the last four characters', () => {
    expect(maskGiftCardCode('abcd efgh jklm 1234')).toBe('•••• •••• •••• 1234');
    expect(maskGiftCardCode('ABCDEFGHJKLM9X7Q')).toBe('•••• •••• •••• 9X7Q');
  });

  it('ignores spaces and dashes when picking the last four', () => {
    expect(maskGiftCardCode('ABCD-EFGH-JK 12')).toBe('•••• •••• •••• JK12');
  });

  it('masks to the same length whatever the code length, so the length does not leak', () => {
    expect(maskGiftCardCode('ABCDEFGH5678')).toHaveLength(maskGiftCardCode('ABCDEFGHIJKLMNOPQRST5678').length);
  });

  it('masks a code of four characters or fewer completely', () => {
    expect(maskGiftCardCode('1234')).toBe('•••• •••• •••• ••••');
    expect(maskGiftCardCode('')).toBe('•••• •••• •••• ••••');
  });
});
