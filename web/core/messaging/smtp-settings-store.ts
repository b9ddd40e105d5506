// A shop's own SMTP outbox. The password is sealed with the secret box before it is stored and is
// never returned by the API: reads say only whether one is set.
import type { SecretBox } from '../crypto/secret-box';
import type { SmtpSettings } from '../../contracts/messaging-api';
import type { Prisma } from '../db-client';

export const SMTP_PASSWORD_PURPOSE = 'smtp-password';

/** Structurally the server's SmtpSettings (web/server/messaging), which core must not import. */
export interface SmtpConnection {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Set when the shop chose this server (untrusted: its host must resolve to public addresses). */
  chosenByShop?: true;
}

export interface SmtpSettingsInput {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** undefined keeps the stored password; "" removes it. */
  password?: string;
  fromAddress: string;
}

const MASK = '••••••••';

export async function getSmtpSettingsView(prisma: Prisma, shopId: string, appDefault: SmtpConnection | undefined): Promise<SmtpSettings> {
  const row = await prisma.shopSmtpSettings.findUnique({ where: { shopId } });
  if (row) {
    const passwordSet = row.passwordEncrypted !== '';
    return { source: 'shop', host: row.host, port: row.port, secure: row.secure, user: row.user, passwordSet, password: passwordSet ? MASK : '', fromAddress: row.fromAddress };
  }
  // The app's own server is shown without its user or password: those belong to the operator.
  return { source: 'app', host: appDefault?.host ?? null, port: appDefault?.port ?? null, secure: appDefault?.secure ?? false, user: '', passwordSet: false, password: '', fromAddress: appDefault?.from ?? null };
}

export async function saveSmtpSettings(prisma: Prisma, box: SecretBox, shopId: string, input: SmtpSettingsInput, appDefault: SmtpConnection | undefined): Promise<SmtpSettings> {
  const passwordEncrypted = input.password === undefined ? undefined : input.password === '' ? '' : box.encrypt(input.password);
  const fields = { host: input.host, port: input.port, secure: input.secure, user: input.user, fromAddress: input.fromAddress };
  await prisma.shopSmtpSettings.upsert({
    where: { shopId },
    create: { shopId, ...fields, passwordEncrypted: passwordEncrypted ?? '' },
    update: { ...fields, ...(passwordEncrypted !== undefined ? { passwordEncrypted } : {}) },
  });
  return getSmtpSettingsView(prisma, shopId, appDefault);
}

export async function deleteSmtpSettings(prisma: Prisma, shopId: string, appDefault: SmtpConnection | undefined): Promise<SmtpSettings> {
  await prisma.shopSmtpSettings.deleteMany({ where: { shopId } });
  return getSmtpSettingsView(prisma, shopId, appDefault);
}

/** What the sender connects with: the shop's server (password opened), else the app default, else none. */
export async function resolveSmtpConnection(prisma: Prisma, box: SecretBox, shopId: string, appDefault: SmtpConnection | undefined): Promise<SmtpConnection | undefined> {
  const row = await prisma.shopSmtpSettings.findUnique({ where: { shopId } });
  if (!row) return appDefault;
  return {
    host: row.host,
    port: row.port,
    secure: row.secure,
    ...(row.user !== '' ? { user: row.user } : {}),
    ...(row.passwordEncrypted !== '' ? { password: box.decrypt(row.passwordEncrypted) } : {}),
    from: row.fromAddress,
    chosenByShop: true,
  };
}
