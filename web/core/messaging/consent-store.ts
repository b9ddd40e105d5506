// Consent types (at most five per shop) and each member's consent history. The history is
// append-only; MemberConsent caches the newest entry per type, written in the same transaction, so
// the sender reads current state without scanning history. An entry older than the cached one
// (a late webhook) is kept in the history but does not overwrite the newer state.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { writeTransaction, type Prisma, type Tx } from '../db-client';
import { AppError, notFound } from '../errors/app-error';
import type { ConsentState, MessageChannel } from './may-receive';
import { assertMemberVisible, EVERY_MEMBER, isLimited, type MemberScope } from '../members/visible-members';
import { prismaSqlExecutor } from '../sql/prisma-sql-executor';
import { enqueueMemberGroupRefresh } from '../groups/enqueue-member-group-refresh';

export const MAX_CONSENT_TYPES = 5;
export const CONSENT_SOURCES = ['customer', 'staff', 'import', 'shopify'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

const consentTypeFields = {
  name: z.string().trim().min(1).max(80),
  purpose: z.string().max(500),
  required: z.boolean(),
  kind: z.enum(['marketing', 'transactional_optout', 'other']),
  channel: z.enum(['email', 'sms']).nullable(),
};
export const consentTypeInputSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lowercase letters, digits and _ (max 40), starting with a letter'),
  ...consentTypeFields,
  purpose: consentTypeFields.purpose.default(''),
  required: consentTypeFields.required.default(false),
  kind: consentTypeFields.kind.default('marketing'),
  channel: consentTypeFields.channel.default(null),
});
export type ConsentTypeInput = z.infer<typeof consentTypeInputSchema>;
/** A change names only what changes: no defaults here, or a partial PATCH would reset the rest. */
export const consentTypePatchSchema = z.strictObject(consentTypeFields).partial();
export type ConsentTypePatch = z.infer<typeof consentTypePatchSchema>;

export async function listConsentTypes(prisma: Prisma, shopId: string) {
  return prisma.consentType.findMany({ where: { shopId }, orderBy: { createdAt: 'asc' } });
}

/**
 * The limit is checked with a count before the insert; two staff members creating the sixth type
 * at the same instant could both pass. Acceptable for a settings screen; the sender works with any
 * number of types.
 */
export async function createConsentType(prisma: Prisma, shopId: string, input: ConsentTypeInput) {
  const count = await prisma.consentType.count({ where: { shopId } });
  if (count >= MAX_CONSENT_TYPES) {
    throw new AppError('CONFLICT', `A shop can have at most ${MAX_CONSENT_TYPES} consent types.`, { max: MAX_CONSENT_TYPES });
  }
  const existing = await prisma.consentType.findUnique({ where: { shopId_key: { shopId, key: input.key } } });
  if (existing) throw new AppError('CONFLICT', `A consent type with the key "${input.key}" already exists.`);
  return prisma.consentType.create({ data: { shopId, ...input } });
}

export async function updateConsentType(prisma: Prisma, shopId: string, id: string, patch: ConsentTypePatch) {
  const { count } = await prisma.consentType.updateMany({ where: { id, shopId }, data: patch });
  if (count === 0) throw notFound('The consent type');
  return prisma.consentType.findUniqueOrThrow({ where: { id } });
}

/** A type members have answered cannot be deleted: the history is the proof of consent. */
export async function deleteConsentType(prisma: Prisma, shopId: string, id: string): Promise<void> {
  const type = await prisma.consentType.findFirst({ where: { id, shopId } });
  if (!type) throw notFound('The consent type');
  const answers = await prisma.memberConsentEvent.count({ where: { shopId, consentTypeId: id } });
  if (answers > 0) throw new AppError('CONFLICT', 'Members have already answered this consent; it is kept as their consent record.', { answers });
  await prisma.consentType.delete({ where: { id } });
}

export interface ConsentChange {
  consentTypeId: string;
  granted: boolean;
  source: ConsentSource;
  detail?: string;
  occurredAt: Date;
}

/** Appends the change and moves the current state forward unless a newer answer is already known. */
export async function recordConsentChange(tx: Tx, shopId: string, memberId: string, change: ConsentChange): Promise<{ eventId: string; current: boolean }> {
  const eventId = randomUUID();
  await tx.memberConsentEvent.create({
    data: { id: eventId, shopId, memberId, consentTypeId: change.consentTypeId, granted: change.granted, source: change.source, detail: change.detail ?? '', occurredAt: change.occurredAt },
  });
  const cached = await tx.memberConsent.findUnique({ where: { memberId_consentTypeId: { memberId, consentTypeId: change.consentTypeId } } });
  if (cached && cached.occurredAt > change.occurredAt) return { eventId, current: false };
  const state = { granted: change.granted, source: change.source, occurredAt: change.occurredAt, eventId };
  await tx.memberConsent.upsert({
    where: { memberId_consentTypeId: { memberId, consentTypeId: change.consentTypeId } },
    create: { memberId, consentTypeId: change.consentTypeId, shopId, ...state },
    update: state,
  });
  // Groups with a consent rule follow the answer: a refresh task queued in the same transaction.
  await enqueueMemberGroupRefresh(tx, shopId, [memberId], 'consent', new Date());
  return { eventId, current: true };
}

/** Staff (or the customer portal) changing one answer; the type and member must belong to the shop. */
export async function changeMemberConsent(prisma: Prisma, shopId: string, memberId: string, change: ConsentChange, scope: MemberScope = EVERY_MEMBER) {
  if (isLimited(scope)) await assertMemberVisible(prismaSqlExecutor(prisma), shopId, memberId, scope);
  const [member, type] = await Promise.all([
    prisma.member.findFirst({ where: { id: memberId, shopId }, select: { id: true } }),
    prisma.consentType.findFirst({ where: { id: change.consentTypeId, shopId }, select: { id: true } }),
  ]);
  if (!member) throw notFound('The member');
  if (!type) throw notFound('The consent type');
  await writeTransaction({ prisma }, (tx) => recordConsentChange(tx, shopId, memberId, change));
  return getMemberConsents(prisma, shopId, memberId, scope);
}

/** A staff user limited to locations sees only their locations' members (web/core/members/visible-members.ts). */
export async function getMemberConsents(prisma: Prisma, shopId: string, memberId: string, scope: MemberScope = EVERY_MEMBER) {
  if (isLimited(scope)) await assertMemberVisible(prismaSqlExecutor(prisma), shopId, memberId, scope);
  const member = await prisma.member.findFirst({ where: { id: memberId, shopId }, select: { id: true } });
  if (!member) throw notFound('The member');
  const [types, current, history] = await Promise.all([
    listConsentTypes(prisma, shopId),
    prisma.memberConsent.findMany({ where: { shopId, memberId } }),
    prisma.memberConsentEvent.findMany({ where: { shopId, memberId }, orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }] }),
  ]);
  const byType = new Map(current.map((row) => [row.consentTypeId, row]));
  return {
    consents: types.map((type) => {
      const state = byType.get(type.id);
      return {
        consentTypeId: type.id,
        key: type.key,
        name: type.name,
        kind: type.kind,
        // Without an answer: marketing is a no, account notifications are a yes.
        granted: state ? state.granted : type.kind === 'transactional_optout',
        answered: state !== undefined,
        source: state?.source ?? null,
        occurredAt: state?.occurredAt ?? null,
      };
    }),
    history: history.map((event) => ({ id: event.id, consentTypeId: event.consentTypeId, granted: event.granted, source: event.source, detail: event.detail, occurredAt: event.occurredAt })),
  };
}

export interface ReceiveContext {
  consents: ConsentState[];
  transactionalOptOut: boolean;
}

/** What mayReceive needs, for a batch of members of one shop. Members without answers get the defaults. */
export async function loadReceiveContexts(prisma: Prisma, shopId: string, memberIds: string[]): Promise<Map<string, ReceiveContext>> {
  const result = new Map<string, ReceiveContext>(memberIds.map((id) => [id, { consents: [], transactionalOptOut: false }]));
  if (memberIds.length === 0) return result;
  const [types, states] = await Promise.all([
    prisma.consentType.findMany({ where: { shopId } }),
    prisma.memberConsent.findMany({ where: { shopId, memberId: { in: memberIds } } }),
  ]);
  const typeById = new Map(types.map((type) => [type.id, type]));
  for (const state of states) {
    const type = typeById.get(state.consentTypeId);
    const context = result.get(state.memberId);
    if (!type || !context) continue;
    if (type.kind === 'transactional_optout') {
      if (!state.granted) context.transactionalOptOut = true;
      continue;
    }
    context.consents.push({
      purpose: type.kind === 'marketing' ? 'marketing' : 'other',
      ...(type.channel === 'email' || type.channel === 'sms' ? { channel: type.channel as MessageChannel } : {}),
      granted: state.granted,
    });
  }
  return result;
}

export const SHOPIFY_EMAIL_MARKETING_KEY = 'email_marketing';

export interface ShopifyEmailMarketingConsent {
  state: string;
  opt_in_level?: string | null;
  consent_updated_at?: string | null;
}

/**
 * Shopify's e-mail marketing state, recorded as source `shopify` against the shop's
 * `email_marketing` consent type (created on first use while the shop has room for it, else the
 * first e-mail/all-channel marketing type). Only changes are recorded: a repeated state (every
 * customers/update carries it) adds nothing, and an unanswered member who is "not subscribed"
 * is already a no.
 */
export async function recordShopifyEmailMarketingConsent(tx: Tx, shopId: string, memberId: string, consent: ShopifyEmailMarketingConsent, receivedAt: Date): Promise<'recorded' | 'unchanged' | 'no_consent_type'> {
  const type = await findOrCreateShopifyConsentType(tx, shopId);
  if (!type) return 'no_consent_type';
  const granted = consent.state === 'subscribed';
  const parsed = consent.consent_updated_at ? new Date(consent.consent_updated_at) : null;
  const occurredAt = parsed && !Number.isNaN(parsed.getTime()) ? parsed : receivedAt;
  const cached = await tx.memberConsent.findUnique({ where: { memberId_consentTypeId: { memberId, consentTypeId: type.id } } });
  if (cached ? cached.granted === granted || cached.occurredAt > occurredAt : !granted) return 'unchanged';
  await recordConsentChange(tx, shopId, memberId, {
    consentTypeId: type.id,
    granted,
    source: 'shopify',
    detail: [consent.state, consent.opt_in_level].filter(Boolean).join(' / '),
    occurredAt,
  });
  return 'recorded';
}

async function findOrCreateShopifyConsentType(tx: Tx, shopId: string) {
  const types = await tx.consentType.findMany({ where: { shopId }, orderBy: { createdAt: 'asc' } });
  const own = types.find((type) => type.key === SHOPIFY_EMAIL_MARKETING_KEY);
  if (own) return own;
  if (types.length < MAX_CONSENT_TYPES) {
    return tx.consentType.create({
      data: { shopId, key: SHOPIFY_EMAIL_MARKETING_KEY, name: 'E-mail marketing', purpose: 'News and offers by e-mail (kept in step with the marketing consent in Shopify).', kind: 'marketing', channel: 'email' },
    });
  }
  return types.find((type) => type.kind === 'marketing' && (type.channel === null || type.channel === 'email')) ?? null;
}
