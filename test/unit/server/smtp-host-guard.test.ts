import { checkedSmtpSettings, isPublicAddress, pinToPublicAddress, SmtpHostRefusedError } from '../../../web/server/messaging/smtp-host-guard';

const shopSmtp = { host: 'mail.salon.example', port: 587, secure: false, from: 'salon@example.com', chosenByShop: true as const };
const resolvingTo = (...addresses: string[]) => async () => addresses.map((address) => ({ address }));

describe('SMTP host guard', () => {
  it.each([
    '127.0.0.1', '127.8.8.8', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', 'not-an-ip',
  ])('treats %s as not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])('treats %s as public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses a host name when any of its addresses is not public (checked after resolution)', async () => {
    await expect(pinToPublicAddress(shopSmtp, resolvingTo('127.0.0.1'))).rejects.toBeInstanceOf(SmtpHostRefusedError);
    await expect(pinToPublicAddress(shopSmtp, resolvingTo('93.184.215.14', '10.0.0.5'))).rejects.toBeInstanceOf(SmtpHostRefusedError);
    await expect(pinToPublicAddress(shopSmtp, resolvingTo())).rejects.toBeInstanceOf(SmtpHostRefusedError);
  });

  it('connects to the address it checked and verifies TLS against the name the shop gave', async () => {
    const pinned = await pinToPublicAddress(shopSmtp, resolvingTo('93.184.215.14'));
    expect(pinned).toMatchObject({ host: '93.184.215.14', servername: 'mail.salon.example', port: 587 });
    expect(await pinToPublicAddress({ ...shopSmtp, host: '[2a00:1450:4001:80b::200e]' }, resolvingTo('127.0.0.1'))).toMatchObject({ host: '2a00:1450:4001:80b::200e' });
  });

  it("leaves the app's own server alone, and a shop's only under the explicit allowance", async () => {
    const appSmtp = { ...shopSmtp, host: '10.0.0.25', chosenByShop: undefined };
    expect(await checkedSmtpSettings(appSmtp, { allowPrivateShopHosts: false, resolve: resolvingTo('10.0.0.25') })).toBe(appSmtp);
    const local = { ...shopSmtp, host: '127.0.0.1' };
    await expect(checkedSmtpSettings(local, { allowPrivateShopHosts: false })).rejects.toBeInstanceOf(SmtpHostRefusedError);
    expect(await checkedSmtpSettings(local, { allowPrivateShopHosts: true })).toBe(local);
  });
});
