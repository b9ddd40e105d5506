// Sends due outbox messages: claim a batch (status `sending` + lease, committed before any send),
// render each in the member's language, check consent, hand it to SMTP or the SMS provider, and
// record the outcome right after the provider answered.
//
// Crash safety. A message is sent at most once per claim, and a claim is only retaken after its
// lease expired. The one window we cannot close: the provider accepted the message and the process
// died before `sent` was written (milliseconds, one UPDATE). After the lease expires that message
// is sent again: at-least-once, never dropped. Closing it would need the provider to deduplicate
// (SMTP has no idempotency key); the `X-Outbox-Message-Id` header lets a reader spot the duplicate.
// A worker that stalled past its lease (database hiccup, paused process) no longer owns its batch:
// another worker may have claimed and sent those messages, so it hands nothing more to a provider.
import type { SecretBox } from '../../core/crypto/secret-box';
import type { Db } from '../../core/db-client';
import { decideReceive } from '../../core/messaging/may-receive';
import { messageCategory } from '../../core/messaging/message-categories';
import { isMessageEvent, type MessageEvent } from '../../core/messaging/message-events';
import { pickMessageLanguage } from '../../core/messaging/message-language';
import type { MessageLanguage, MessageTemplate } from '../../core/messaging/message-template';
import { messageVariables, type OutboxPayload } from '../../core/messaging/message-variables';
import {
  DEFAULT_OUTBOX_LEASE_MS,
  claimOutboxMessages,
  markOutboxFailed,
  markOutboxSent,
  markOutboxSkipped,
  retryOutboxLater,
  type ClaimedMessage,
} from '../../core/messaging/outbox-queue';
import { loadReceiveContexts, type ReceiveContext } from '../../core/messaging/consent-store';
import { renderTemplate } from '../../core/messaging/render-template';
import { countSmsSegments } from '../../core/messaging/count-sms-segments';
import { resolveSmtpConnection, type SmtpConnection } from '../../core/messaging/smtp-settings-store';
import { loadShopTemplates } from '../../core/messaging/template-store';
import type { Logger } from '../../runtime/logger';
import { BULK_EVENT } from '../../core/bulk-messages/fan-out-bulk-message';
import { loadBulkContent } from '../../core/bulk-messages/bulk-message-store';
import { bulkContentFor, bulkVariables, renderBulkMessage, type BulkContent } from '../../core/bulk-messages/render-bulk-message';
import { catchOutgoingMessage, type CaughtMessageInput } from '../../core/messaging/caught-message-store';
import { classifySmtpError } from './classify-smtp-error';
import type { DeliveryFailure } from './delivery-failure';
import { sendEmail, type SmtpSettings } from './email-transport';
import { checkedSmtpSettings, SmtpHostRefusedError } from './smtp-host-guard';
import { SmsSendError, type SmsProvider } from './sms-provider';
import type { TransportCache } from './transport-cache';

export interface OutboxSenderDeps {
  db: Db;
  logger: Logger;
  secretBox: SecretBox;
  /** Opens gift-card codes sealed on redemption rows; only the e-mail to their owner carries them in full. */
  giftCardCodes?: SecretBox;
  /** The app's SMTP server from the environment; undefined when none is configured. */
  appSmtp: SmtpConnection | undefined;
  /** Shops' own SMTP hosts may be loopback/private (demo mode, development): see smtp-host-guard.ts. */
  allowPrivateShopSmtpHosts?: boolean;
  sms: SmsProvider;
  transports: TransportCache;
  /** Test hook: runs after a batch was claimed and before anything is sent (crash tests). */
  afterClaim?: (claimed: ClaimedMessage[]) => void | Promise<void>;
  /** Test hook: runs after each message recorded as sent, with the run's count so far (crash tests). */
  afterSent?: (sentSoFar: number) => void | Promise<void>;
  /**
   * Demo mode: what has no e-mail server or real SMS provider to go to lands in the shop's catcher
   * (caught-message-store.ts) instead of being recorded as not sent. A server the operator or the shop
   * set up is still used, so a demo can be pointed at a real (test) mailbox.
   */
  catcher?: boolean;
}

export interface SendOutboxOptions {
  now?: () => Date;
  batchSize?: number;
  maxBatches?: number;
  leaseMs?: number;
  /** Messages handed to the transports at once; the SMTP pool itself holds five connections. */
  concurrency?: number;
  /** Checked between batches: true ends the run (the process is stopping). */
  shouldStop?: () => boolean;
}

export interface SendOutboxResult {
  sent: number;
  failed: number;
  skipped: number;
  retry: number;
  batches: number;
}

type Outcome = 'sent' | 'failed' | 'skipped' | 'retry';

/** The skip reason of an e-mail written while neither the shop nor the app has an SMTP server. */
export const NO_EMAIL_SERVER = 'NO_EMAIL_SERVER';
/** The same for an SMS outside demo mode while only the log provider (nothing leaves) is configured. */
export const NO_SMS_PROVIDER = 'NO_SMS_PROVIDER';

interface ShopContext {
  shop: { name: string; domain: string; primaryLocale: string } | null;
  template: (event: MessageEvent, language: MessageLanguage) => MessageTemplate;
  smtp: SmtpSettings | undefined;
  /** Why the shop's SMTP server may not be used (a non-public host), if so. */
  smtpRefused?: DeliveryFailure;
}

interface Recipient {
  id: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  locale: string | null;
  balance: number;
  pendingPoints: number;
}

export async function sendDueOutboxMessages(deps: OutboxSenderDeps, options: SendOutboxOptions = {}): Promise<SendOutboxResult> {
  const now = options.now ?? (() => new Date());
  const result: SendOutboxResult = { sent: 0, failed: 0, skipped: 0, retry: 0, batches: 0 };
  // Per run: a template or SMTP change takes effect at the next run (every few seconds).
  const shops = new Map<string, Promise<ShopContext>>();
  const shopContext = (shopId: string) => {
    let context = shops.get(shopId);
    if (!context) {
      context = loadShopContext(deps, shopId);
      shops.set(shopId, context);
    }
    return context;
  };

  // Per run as well: a bulk message's content never changes; its cancel shows at the next run.
  const bulkMessages = new Map<string, Promise<{ content: BulkContent; status: string } | undefined>>();
  const bulkContent = (id: string) => {
    let found = bulkMessages.get(id);
    if (!found) {
      found = loadBulkContent(deps.db.prisma, id);
      bulkMessages.set(id, found);
    }
    return found;
  };
  let sentSoFar = 0;

  for (let batch = 0; batch < (options.maxBatches ?? Number.POSITIVE_INFINITY); batch += 1) {
    const claimed = await claimOutboxMessages(deps.db, { limit: options.batchSize ?? 200, now: now(), leaseMs: options.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS });
    if (claimed.length === 0) break;
    result.batches += 1;
    await deps.afterClaim?.(claimed);

    const members = await deps.db.prisma.member.findMany({
      where: { id: { in: [...new Set(claimed.map((message) => message.memberId))] } },
      select: { id: true, email: true, phone: true, firstName: true, lastName: true, locale: true, balance: true, pendingPoints: true },
    });
    const memberById = new Map(members.map((member) => [member.id, member]));
    const receiveByShop = new Map<string, Map<string, ReceiveContext>>();
    for (const shopId of new Set(claimed.map((message) => message.shopId))) {
      const ids = claimed.filter((message) => message.shopId === shopId).map((message) => message.memberId);
      receiveByShop.set(shopId, await loadReceiveContexts(deps.db.prisma, shopId, ids));
    }

    const outcomes = await mapWithConcurrency(claimed, options.concurrency ?? 50, async (message) => {
      try {
        const outcome = await deliver(deps, message, memberById.get(message.memberId), await shopContext(message.shopId), receiveByShop.get(message.shopId)?.get(message.memberId), now, bulkContent);
        if (outcome === 'sent' && deps.afterSent) {
          sentSoFar += 1;
          await deps.afterSent(sentSoFar);
        }
        return outcome;
      } catch (error) {
        // Our own fault (database hiccup, bad template data): retry with backoff rather than lose it.
        deps.logger.error({ err: error, outboxId: message.id }, 'outbox message could not be processed');
        return retryOutboxLater(deps.db.prisma, message, error instanceof Error ? error.message : String(error), now());
      }
    });
    for (const outcome of outcomes) result[outcome] += 1;
    if (options.shouldStop?.()) break;
  }
  return result;
}

async function loadShopContext(deps: OutboxSenderDeps, shopId: string): Promise<ShopContext> {
  const [shop, template, smtp] = await Promise.all([
    deps.db.prisma.shop.findUnique({ where: { id: shopId }, select: { name: true, domain: true, primaryLocale: true } }),
    loadShopTemplates(deps.db.prisma, shopId),
    resolveSmtpConnection(deps.db.prisma, deps.secretBox, shopId, deps.appSmtp),
  ]);
  if (!smtp) return { shop, template, smtp };
  try {
    return { shop, template, smtp: await checkedSmtpSettings(smtp, { allowPrivateShopHosts: deps.allowPrivateShopSmtpHosts ?? false }) };
  } catch (error) {
    if (!(error instanceof SmtpHostRefusedError)) return { shop, template, smtp: undefined, smtpRefused: classifySmtpError(error) };
    return { shop, template, smtp: undefined, smtpRefused: { retryable: false, kind: 'config', reason: error.message, code: error.code } };
  }
}

async function deliver(
  deps: OutboxSenderDeps,
  message: ClaimedMessage,
  member: Recipient | undefined,
  context: ShopContext,
  receive: ReceiveContext | undefined,
  now: () => Date,
  bulkContent: (id: string) => Promise<{ content: BulkContent; status: string } | undefined>,
): Promise<Outcome> {
  const prisma = deps.db.prisma;
  const skip = async (reason: string): Promise<Outcome> => {
    await markOutboxSkipped(prisma, message, reason);
    return 'skipped';
  };
  const fail = async (reason: string): Promise<Outcome> => {
    await markOutboxFailed(prisma, message, reason);
    return 'failed';
  };

  const bulk = message.event === BULK_EVENT;
  if (!bulk && !isMessageEvent(message.event)) return fail(`Unknown message event "${message.event}".`);
  if (message.channel !== 'email' && message.channel !== 'sms') return fail(`Unknown channel "${message.channel}".`);
  if (!member || !context.shop) return skip('MEMBER_NOT_FOUND');
  let payload: OutboxPayload;
  try {
    const parsed: unknown = JSON.parse(message.payload);
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    payload = parsed as OutboxPayload;
  } catch {
    return fail('The message payload is not a JSON object.');
  }

  // The writer may mark any message as marketing (a promotional welcome, a campaign), never the
  // reverse: an event that is marketing by nature cannot be sent around the consent check. Bulk
  // messages are always marketing.
  const decision = decideReceive({
    category: bulk || payload.category === 'marketing' ? 'marketing' : messageCategory(message.event as MessageEvent),
    consents: receive?.consents ?? [],
    transactionalOptOut: receive?.transactionalOptOut ?? false,
    channel: message.channel,
  });
  if (!decision.allowed) return skip(decision.reason);

  let rendered: { subject: string; html: string; text: string; sms: string };
  if (bulk) {
    const found = typeof payload.bulkMessageId === 'string' ? await bulkContent(payload.bulkMessageId) : undefined;
    if (!found) return skip('BULK_MESSAGE_NOT_FOUND');
    if (found.status === 'cancelled') return skip('CANCELLED');
    const { language, template } = bulkContentFor(found.content, member.locale, context.shop.primaryLocale);
    rendered = renderBulkMessage(language, template, bulkVariables(language, member, context.shop));
  } else {
    const event = message.event as MessageEvent;
    const language = pickMessageLanguage(member.locale, context.shop.primaryLocale);
    const template = context.template(event, language);
    let variables = messageVariables(event, language, member, context.shop, payload);
    if (message.channel === 'email') {
      const code = await giftCardCodeFor(deps, message, payload);
      if (code) variables = messageVariables(event, language, member, context.shop, { ...payload, gift_card_code: code });
    }
    rendered = {
      subject: renderTemplate(template.subject, variables, { html: false }),
      html: renderTemplate(template.html, variables, { html: true }),
      text: renderTemplate(template.text, variables, { html: false }),
      sms: renderTemplate(template.sms, variables, { html: false }).trim(),
    };
  }

  if (message.channel === 'sms') {
    if (!member.phone) return skip('NO_PHONE_NUMBER');
    if (rendered.sms === '') return skip('NO_SMS_TEXT');
    if (leaseLapsed(message, now)) return 'retry';
    // The log provider sends nothing: demo mode catches the SMS; elsewhere it is recorded as not sent
    // (like an e-mail without a server), never as sent.
    if (deps.sms.name === 'log') {
      return deps.catcher ? catchMessage(deps, message, { channel: 'sms', recipient: member.phone, subject: '', html: '', text: rendered.sms }, now) : skip(NO_SMS_PROVIDER);
    }
    try {
      const sent = await deps.sms.send({ to: member.phone, body: rendered.sms });
      // The billed segments are kept with the provider's answer, for what a bulk SMS actually cost.
      await markOutboxSent(prisma, message, { provider: deps.sms.name, id: sent.id, status: sent.status, segments: countSmsSegments(rendered.sms).segments }, now());
      return 'sent';
    } catch (error) {
      const failure: DeliveryFailure = error instanceof SmsSendError ? error.failure : { retryable: true, kind: 'unknown', reason: error instanceof Error ? error.message : String(error) };
      return recordFailure(deps, message, failure, now);
    }
  }

  if (!member.email) return skip('NO_EMAIL_ADDRESS');
  if (context.smtpRefused) return recordFailure(deps, message, context.smtpRefused, now);
  if (!context.smtp) {
    // Demo mode without an e-mail server: the catcher, which the owner opens in the admin.
    if (deps.catcher) return catchMessage(deps, message, { channel: 'email', recipient: member.email, subject: rendered.subject, html: rendered.html, text: rendered.text }, now);
    // Not a delivery failure: nothing was tried. Recorded as not sent, with the reason the owner can act on.
    return skip(NO_EMAIL_SERVER);
  }
  const smtp = context.smtp;
  if (leaseLapsed(message, now)) return 'retry';
  try {
    const sent = await sendEmail(deps.transports.get(smtp), {
      from: smtp.from,
      to: member.email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers: { 'X-Outbox-Message-Id': message.id },
    });
    if (sent.accepted.length === 0) {
      return recordFailure(deps, message, { retryable: false, kind: 'recipient_rejected', reason: sent.response || `Rejected: ${sent.rejected.join(', ')}` }, now);
    }
    await markOutboxSent(prisma, message, { messageId: sent.messageId, response: sent.response, accepted: sent.accepted }, now());
    return 'sent';
  } catch (error) {
    return recordFailure(deps, message, classifySmtpError(error), now);
  }
}

/** Demo mode: the message goes to the shop's catcher (an admin page) and counts as sent. */
async function catchMessage(deps: OutboxSenderDeps, message: ClaimedMessage, caught: Omit<CaughtMessageInput, 'shopId' | 'outboxMessageId'>, now: () => Date): Promise<Outcome> {
  await catchOutgoingMessage(deps.db.prisma, { ...caught, shopId: message.shopId, outboxMessageId: message.id });
  await markOutboxSent(deps.db.prisma, message, { provider: 'demo-catcher' }, now());
  return 'sent';
}

/**
 * Our claim has run out: the message is claimable again (maybe already taken and sent by another
 * worker), so we leave it untouched rather than send it a second time.
 */
function leaseLapsed(message: ClaimedMessage, now: () => Date): boolean {
  return now().getTime() >= message.lockedUntil.getTime();
}

async function recordFailure(deps: OutboxSenderDeps, message: ClaimedMessage, failure: DeliveryFailure, now: () => Date): Promise<Outcome> {
  const reason = `${failure.kind}: ${failure.reason}`;
  if (!failure.retryable) {
    await markOutboxFailed(deps.db.prisma, message, reason, failure);
    deps.logger.warn({ outboxId: message.id, kind: failure.kind, status: failure.status }, 'outbox message failed for good');
    return 'failed';
  }
  const outcome = await retryOutboxLater(deps.db.prisma, message, reason, now());
  deps.logger.warn({ outboxId: message.id, kind: failure.kind, attempts: message.attempts, outcome }, 'outbox message not delivered');
  return outcome;
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * The outbox row of a `gift_card_issued` message holds only the masked code and the redemption id; the
 * full code is opened from the redemption row at send time, for the e-mail to the card's owner.
 */
async function giftCardCodeFor(deps: OutboxSenderDeps, message: ClaimedMessage, payload: OutboxPayload): Promise<string | undefined> {
  const redemptionId = (payload as { redemptionId?: unknown }).redemptionId;
  if (message.event !== 'gift_card_issued' || !deps.giftCardCodes || typeof redemptionId !== 'string') return undefined;
  const redemption = await deps.db.prisma.redemption.findFirst({
    where: { id: redemptionId, shopId: message.shopId, memberId: message.memberId },
    select: { codeEncrypted: true },
  });
  return redemption?.codeEncrypted ? deps.giftCardCodes.decrypt(redemption.codeEncrypted) : undefined;
}
