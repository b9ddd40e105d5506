// Automated campaigns on both databases: each reaches a member at most once per period, with the
// ledger entry, the balance and the outbox row written together under one idempotency key.
import { createCampaign } from '../../../web/core/campaigns/campaign-store';
import { runCampaigns } from '../../../web/core/campaigns/run-campaigns';
import { previewCampaign } from '../../../web/core/campaigns/preview-campaign';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { recordConsentChange } from '../../../web/core/messaging/consent-store';
import { sendDueOutboxMessages } from '../../../web/server/messaging/send-outbox';
import { outboxSenderFor } from '../../../web/runtime/outbox-sender';
import { sendOutboxJob } from '../../../jobs/send-outbox';
import { createMember, createShop } from '../../fixtures/factories';
import { startLocalSmtpServer } from '../messaging-transport/local-smtp-server';
import { decodeHeader, parseMime } from '../messaging-transport/parse-mime';
import { createTestApp } from '../../support/test-app';
import { describeEachDatabase, type TestDatabase } from '../../support/test-database';

const at = (iso: string) => new Date(iso);

async function entriesOf(db: TestDatabase, campaignId: string) {
  return db.prisma.ledgerEntry.findMany({ where: { sourceType: 'campaign', sourceId: campaignId }, orderBy: { idempotencyKey: 'asc' } });
}

async function paidOrder(db: TestDatabase, shopId: string, memberId: string, paidAt: Date, extra: { cancelledAt?: Date; appointmentStart?: Date } = {}) {
  const id = `gid://shopify/Order/${Math.floor(Math.random() * 1e12)}`;
  const order = await db.prisma.orderRecord.create({
    data: { shopId, shopifyOrderId: id, memberId, currency: 'EUR', eligibleMinor: 5000n, financialStatus: 'paid', processedAt: paidAt, shopifyUpdatedAt: paidAt, paidAt, cancelledAt: extra.cancelledAt ?? null },
  });
  if (extra.appointmentStart) {
    await db.prisma.orderLine.create({ data: { shopId, orderRecordId: order.id, shopifyLineItemId: `${id}/1`, title: 'Massage', quantity: 1, eligibleMinor: 5000n, isService: true, appointmentStart: extra.appointmentStart, appointmentStatus: 'ok' } });
  }
  return order;
}

describeEachDatabase('automated campaigns', (getDb) => {
  it('gives birthday points from 12 hours before the birthday in each shop\'s own time zone, once a year', async () => {
    const db = getDb();
    const amsterdam = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
    const newYork = await createShop(db.prisma, { ianaTimezone: 'America/New_York' });
    const created = at('2026-01-01T00:00:00Z');
    const campaigns = [];
    for (const shop of [amsterdam, newYork]) {
      campaigns.push(await createCampaign(db.prisma, shop.id, { kind: 'birthday', name: 'Birthday', enabled: true, points: 50, sendMessage: true }, created));
    }
    const anna = await createMember(db.prisma, amsterdam.id);
    const bob = await createMember(db.prisma, newYork.id);
    await db.prisma.member.updateMany({ where: { id: { in: [anna.id, bob.id] } }, data: { birthMonth: 3, birthDay: 10 } });

    // 10 March starts at 23:00 UTC on the 9th in Amsterdam (CET) and at 04:00 UTC on the 10th in New York
    // (EDT since 8 March): the windows open at 11:00 and 16:00 UTC on the 9th.
    await runCampaigns(db, { now: at('2026-03-09T10:59:00Z') });
    expect(await db.prisma.campaignDelivery.count({ where: { memberId: { in: [anna.id, bob.id] } } })).toBe(0);
    await runCampaigns(db, { now: at('2026-03-09T11:00:00Z') });
    expect((await entriesOf(db, campaigns[0]!.id)).map((e) => e.memberId)).toEqual([anna.id]);
    expect(await entriesOf(db, campaigns[1]!.id)).toHaveLength(0);
    await runCampaigns(db, { now: at('2026-03-09T15:59:00Z') });
    expect(await entriesOf(db, campaigns[1]!.id)).toHaveLength(0);
    await runCampaigns(db, { now: at('2026-03-09T16:00:00Z') });
    expect((await entriesOf(db, campaigns[1]!.id)).map((e) => e.memberId)).toEqual([bob.id]);

    // The rest of the day, and a second run, change nothing; next year pays again.
    await runCampaigns(db, { now: at('2026-03-10T20:00:00Z') });
    const entries = [...(await entriesOf(db, campaigns[0]!.id)), ...(await entriesOf(db, campaigns[1]!.id))];
    expect(entries.map((e) => e.idempotencyKey).sort()).toEqual([`campaign:${campaigns[0]!.id}:${anna.id}:2026`, `campaign:${campaigns[1]!.id}:${bob.id}:2026`].sort());
    expect(entries.every((e) => e.type === 'earn' && e.status === 'posted' && e.points === 50)).toBe(true);
    const messages = await db.prisma.outboxMessage.findMany({ where: { memberId: { in: [anna.id, bob.id] } } });
    expect(messages.map((m) => [m.event, m.idempotencyKey]).sort()).toEqual(entries.map((e) => ['birthday', e.idempotencyKey]).sort());
    expect(JSON.parse(messages[0]!.payload)).toMatchObject({ points: 50, campaignId: campaigns[0]!.id === messages[0]!.idempotencyKey.split(':')[1] ? campaigns[0]!.id : campaigns[1]!.id });
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: anna.id } })).balance).toBe(50);
    await runCampaigns(db, { now: at('2027-03-10T10:00:00Z') });
    expect(await entriesOf(db, campaigns[0]!.id)).toHaveLength(2);
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  });

  it('opens the birthday window 12 real hours before local midnight across a DST change (New York, 8 March 2026 is 23 hours long)', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'America/New_York' });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'birthday', name: 'Birthday', enabled: true, points: 10, sendMessage: false }, at('2026-01-01T00:00:00Z'));
    const onDstDay = await createMember(db.prisma, shop.id);
    const dayAfter = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: onDstDay.id }, data: { birthMonth: 3, birthDay: 8 } });
    await db.prisma.member.update({ where: { id: dayAfter.id }, data: { birthMonth: 3, birthDay: 9 } });
    // 8 March starts at 05:00 UTC (EST): the window opens 7 March 17:00 UTC.
    await runCampaigns(db, { now: at('2026-03-07T16:59:00Z') });
    expect(await entriesOf(db, campaign.id)).toHaveLength(0);
    await runCampaigns(db, { now: at('2026-03-07T17:00:00Z') });
    expect((await entriesOf(db, campaign.id)).map((e) => e.memberId)).toEqual([onDstDay.id]);
    // 9 March starts at 04:00 UTC (EDT, after the change): its window opens 8 March 16:00 UTC, not 17:00.
    await runCampaigns(db, { now: at('2026-03-08T15:59:00Z') });
    expect(await entriesOf(db, campaign.id)).toHaveLength(1);
    await runCampaigns(db, { now: at('2026-03-08T16:00:00Z') });
    expect((await entriesOf(db, campaign.id)).map((e) => e.memberId).sort()).toEqual([onDstDay.id, dayAfter.id].sort());
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it('celebrates a sign-up anniversary on the local day, once a year', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma, { ianaTimezone: 'Europe/Amsterdam' });
    const member = await createMember(db.prisma, shop.id);
    // Signed up 15 May 2025 at 00:30 Amsterdam time (14 May 22:30 UTC).
    await db.prisma.member.update({ where: { id: member.id }, data: { createdAt: at('2025-05-14T22:30:00Z') } });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'anniversary', name: 'One year', enabled: true, points: 25 }, at('2026-01-01T00:00:00Z'));
    await runCampaigns(db, { now: at('2026-05-14T21:59:00Z') });
    expect(await entriesOf(db, campaign.id)).toHaveLength(0);
    await runCampaigns(db, { now: at('2026-05-14T22:00:00Z') });
    await runCampaigns(db, { now: at('2026-05-15T12:00:00Z') });
    expect((await entriesOf(db, campaign.id)).map((e) => e.idempotencyKey)).toEqual([`campaign:${campaign.id}:${member.id}:2026`]);
  });

  it('welcomes a member who joins after the campaign starts, once, and not the members who were already there', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const before = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: before.id }, data: { createdAt: at('2026-04-01T00:00:00Z') } });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'welcome', name: 'Welcome', enabled: true, points: 100, sendMessage: true }, at('2026-04-02T00:00:00Z'));
    const joined = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: joined.id }, data: { createdAt: at('2026-04-03T09:00:00Z') } });
    expect(await previewCampaign(db, shop.id, { kind: 'welcome', name: 'x', points: 100 }, { now: at('2026-04-03T10:00:00Z'), campaignId: campaign.id, activeSince: campaign.activeSince })).toMatchObject({ count: 1, sample: [{ id: joined.id }] });
    for (const hour of ['10', '11', '12']) await runCampaigns(db, { now: at(`2026-04-03T${hour}:00:00Z`) });
    expect((await entriesOf(db, campaign.id)).map((e) => e.memberId)).toEqual([joined.id]);
    const welcome = await db.prisma.outboxMessage.findMany({ where: { shopId: shop.id, event: 'welcome' } });
    expect(welcome.map((m) => m.memberId)).toEqual([joined.id]);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: joined.id } })).balance).toBe(100);
    expect(await previewCampaign(db, shop.id, { kind: 'welcome', name: 'x', points: 100 }, { now: at('2026-04-03T13:00:00Z'), campaignId: campaign.id, activeSince: campaign.activeSince })).toMatchObject({ count: 0 });
  });

  it('pays win-back once per lapse: never twice in one period, again after a new visit lapses', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const recent = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: member.id }, data: { lastVisitAt: at('2026-01-10T10:00:00Z') } });
    await db.prisma.member.update({ where: { id: recent.id }, data: { lastVisitAt: at('2026-03-20T10:00:00Z') } });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'We miss you', enabled: true, points: 30, sendMessage: true, settings: { daysWithoutVisit: 60 } }, at('2026-01-01T00:00:00Z'));
    await runCampaigns(db, { now: at('2026-03-11T09:00:00Z') });
    expect(await entriesOf(db, campaign.id)).toHaveLength(0);
    await runCampaigns(db, { now: at('2026-03-11T10:00:00Z') });
    await runCampaigns(db, { now: at('2026-04-20T10:00:00Z') });
    await runCampaigns(db, { now: at('2026-06-01T10:00:00Z') });
    const paid = await entriesOf(db, campaign.id);
    expect(paid.filter((e) => e.memberId === member.id)).toHaveLength(1);
    expect(paid.filter((e) => e.memberId === recent.id)).toHaveLength(1);
    // A new visit, then another lapse: a new period.
    await db.prisma.member.update({ where: { id: member.id }, data: { lastVisitAt: at('2026-06-05T10:00:00Z') } });
    await runCampaigns(db, { now: at('2026-07-01T10:00:00Z') });
    expect((await entriesOf(db, campaign.id)).filter((e) => e.memberId === member.id)).toHaveLength(1);
    await runCampaigns(db, { now: at('2026-08-05T10:00:00Z') });
    await runCampaigns(db, { now: at('2026-08-06T10:00:00Z') });
    expect((await entriesOf(db, campaign.id)).filter((e) => e.memberId === member.id)).toHaveLength(2);
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id, event: 'win_back', memberId: member.id } })).toBe(2);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).balance).toBe(60);
  });

  it('gives the N-th visit bonus on the Nth and 2Nth paid visit, not for cancelled orders or visits before the campaign', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'nth_visit', name: 'Every 3rd visit', enabled: true, points: 40, sendMessage: false, settings: { everyVisits: 3 } }, at('2026-02-01T00:00:00Z'));
    const veteran = await createMember(db.prisma, shop.id);
    for (const day of ['05', '06', '07', '08']) await paidOrder(db, shop.id, veteran.id, at(`2026-01-${day}T10:00:00Z`));
    await paidOrder(db, shop.id, member.id, at('2026-02-02T10:00:00Z'));
    await paidOrder(db, shop.id, member.id, at('2026-02-03T10:00:00Z'));
    await paidOrder(db, shop.id, member.id, at('2026-02-04T10:00:00Z'), { cancelledAt: at('2026-02-04T11:00:00Z') });
    await runCampaigns(db, { now: at('2026-02-05T00:00:00Z') });
    expect(await entriesOf(db, campaign.id)).toHaveLength(0);
    await paidOrder(db, shop.id, member.id, at('2026-02-05T10:00:00Z'));
    for (const day of ['06', '07']) await runCampaigns(db, { now: at(`2026-02-${day}T00:00:00Z`) });
    expect((await entriesOf(db, campaign.id)).map((e) => e.idempotencyKey)).toEqual([`campaign:${campaign.id}:${member.id}:visit-3`]);
    for (const day of ['08', '09', '10']) await paidOrder(db, shop.id, member.id, at(`2026-02-${day}T10:00:00Z`));
    await runCampaigns(db, { now: at('2026-02-11T00:00:00Z') });
    expect((await entriesOf(db, campaign.id)).map((e) => e.idempotencyKey).sort()).toEqual([`campaign:${campaign.id}:${member.id}:visit-3`, `campaign:${campaign.id}:${member.id}:visit-6`]);
    // The veteran's 4 visits were all before the campaign: the 3rd-visit milestone passed before it started.
    expect((await entriesOf(db, campaign.id)).some((e) => e.memberId === veteran.id)).toBe(false);
  });

  it('thanks a member some hours after the appointment, once per visit', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'thank_you', name: 'Thank you', enabled: true, sendMessage: true, settings: { delayHours: 3 } }, at('2026-05-01T00:00:00Z'));
    const order = await paidOrder(db, shop.id, member.id, at('2026-05-02T08:00:00Z'), { appointmentStart: at('2026-05-10T14:00:00Z') });
    await runCampaigns(db, { now: at('2026-05-10T16:59:00Z') });
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id } })).toBe(0);
    await runCampaigns(db, { now: at('2026-05-10T17:00:00Z') });
    await runCampaigns(db, { now: at('2026-05-10T18:00:00Z') });
    const sent = await db.prisma.outboxMessage.findMany({ where: { shopId: shop.id } });
    expect(sent.map((m) => [m.event, m.idempotencyKey])).toEqual([['thank_you', `campaign:${campaign.id}:${member.id}:${order.id}`]]);
    expect(await entriesOf(db, campaign.id)).toHaveLength(0);
  });

  it('reaches only the audience group', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const inGroup = await createMember(db.prisma, shop.id);
    const outside = await createMember(db.prisma, shop.id);
    const group = await db.prisma.customerGroup.create({ data: { shopId: shop.id, name: 'VIP', kind: 'manual' } });
    await db.prisma.groupMember.create({ data: { groupId: group.id, memberId: inGroup.id, shopId: shop.id, source: 'manual', joinedAt: new Date() } });
    await db.prisma.member.updateMany({ where: { id: { in: [inGroup.id, outside.id] } }, data: { lastVisitAt: at('2025-01-01T00:00:00Z') } });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'VIP win-back', enabled: true, points: 5, sendMessage: false, settings: { daysWithoutVisit: 30 }, audienceGroupId: group.id }, at('2026-01-01T00:00:00Z'));
    await runCampaigns(db, { now: at('2026-01-02T00:00:00Z') });
    expect((await entriesOf(db, campaign.id)).map((e) => e.memberId)).toEqual([inGroup.id]);
  });

  it('is idempotent under a rerun and under two concurrent runs, in batches', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const members = [];
    for (let i = 0; i < 30; i += 1) members.push(await createMember(db.prisma, shop.id));
    await db.prisma.member.updateMany({ where: { shopId: shop.id }, data: { lastVisitAt: at('2025-01-01T00:00:00Z') } });
    const campaign = await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'Win-back', enabled: true, points: 7, sendMessage: true, settings: { daysWithoutVisit: 30 } }, at('2026-01-01T00:00:00Z'));
    const now = at('2026-01-02T00:00:00Z');
    const results = await Promise.all([runCampaigns(db, { now, shopId: shop.id, batchSize: 4 }), runCampaigns(db, { now, shopId: shop.id, batchSize: 4 }), runCampaigns(db, { now: at('2026-01-02T00:01:00Z'), shopId: shop.id, batchSize: 7 })]);
    expect(results.reduce((sum, r) => sum + r.reached, 0)).toBe(30);
    await runCampaigns(db, { now: at('2026-01-03T00:00:00Z'), shopId: shop.id });
    expect(await entriesOf(db, campaign.id)).toHaveLength(30);
    expect(await db.prisma.outboxMessage.count({ where: { shopId: shop.id } })).toBe(30);
    expect(await db.prisma.campaignDelivery.count({ where: { campaignId: campaign.id } })).toBe(30);
    const balances = await db.prisma.member.findMany({ where: { shopId: shop.id }, select: { balance: true } });
    expect(balances.every((m) => m.balance === 7)).toBe(true);
    expect((await findBalanceMismatches(db.prisma)).mismatches).toEqual([]);
  });

  it('e-mails the birthday message through SMTP to a member with marketing consent, and skips one without', async () => {
    const db = getDb();
    const smtp = await startLocalSmtpServer();
    const app = createTestApp(db, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_FROM: 'Loyalty <loyalty@test.example>' });
    try {
      const shop = await createShop(db.prisma, { name: 'Studio Zon', ianaTimezone: 'Europe/Amsterdam', primaryLocale: 'nl' });
      const consenting = await createMember(db.prisma, shop.id, { firstName: 'Anna', email: 'anna@example.com' });
      const silent = await createMember(db.prisma, shop.id, { firstName: 'Bo', email: 'bo@example.com' });
      await db.prisma.member.updateMany({ where: { id: { in: [consenting.id, silent.id] } }, data: { birthMonth: 6, birthDay: 1 } });
      const marketing = await db.prisma.consentType.create({ data: { shopId: shop.id, key: 'email_marketing', name: 'News by e-mail', kind: 'marketing', channel: 'email' } });
      await db.prisma.$transaction((tx) => recordConsentChange(tx, shop.id, consenting.id, { consentTypeId: marketing.id, granted: true, source: 'customer', occurredAt: at('2026-01-01T00:00:00Z') }));
      await createCampaign(db.prisma, shop.id, { kind: 'birthday', name: 'Birthday', enabled: true, points: 50, sendMessage: true }, at('2026-01-01T00:00:00Z'));
      await runCampaigns(db, { now: at('2026-06-01T08:00:00Z'), shopId: shop.id });
      await sendDueOutboxMessages(outboxSenderFor(app.runtime), { now: () => at('2026-06-01T08:01:00Z') });
      // (Messages other tests queued for their own shops go out in the same run; only these two matter here.)
      const ours = smtp.received.filter((mail) => mail.to.some((to) => to === 'anna@example.com' || to === 'bo@example.com'));
      expect(ours.map((mail) => mail.to)).toEqual([['anna@example.com']]);
      const mail = parseMime(ours[0]!.raw);
      expect(decodeHeader(mail.headers.get('subject') ?? '')).toBe('Gefeliciteerd namens Studio Zon!');
      expect(mail.text).toContain('50 punten');
      expect(await db.prisma.outboxMessage.findFirstOrThrow({ where: { memberId: silent.id } })).toMatchObject({ event: 'birthday', status: 'skipped', lastError: 'NO_MARKETING_CONSENT' });
    } finally {
      await sendOutboxJob.dispose?.(app.jobContext());
      await smtp.close();
    }
  });

  it('runs the other campaigns when one is broken, and reports the broken one', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: member.id }, data: { lastVisitAt: at('2025-01-01T00:00:00Z') } });
    const broken = await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'Broken', enabled: true, points: 5, settings: { daysWithoutVisit: 30 } }, at('2026-01-01T00:00:00Z'));
    await db.prisma.campaign.update({ where: { id: broken.id }, data: { settings: '{"daysWithoutVisit":"soon"}' } });
    const working = await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'Working', enabled: true, points: 5, settings: { daysWithoutVisit: 30 } }, at('2026-01-01T00:00:00Z'));
    await expect(runCampaigns(db, { now: at('2026-01-02T00:00:00Z'), shopId: shop.id })).rejects.toThrow('1 of 2 campaigns failed');
    expect((await entriesOf(db, working.id)).map((e) => e.memberId)).toEqual([member.id]);
  });

  it('does nothing while switched off', async () => {
    const db = getDb();
    const shop = await createShop(db.prisma);
    const member = await createMember(db.prisma, shop.id);
    await db.prisma.member.update({ where: { id: member.id }, data: { lastVisitAt: at('2025-01-01T00:00:00Z') } });
    await createCampaign(db.prisma, shop.id, { kind: 'win_back', name: 'Off', enabled: false, points: 5, settings: { daysWithoutVisit: 30 } }, at('2026-01-01T00:00:00Z'));
    await runCampaigns(db, { now: at('2026-01-02T00:00:00Z'), shopId: shop.id });
    expect(await db.prisma.campaignDelivery.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
