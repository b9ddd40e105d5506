import fs from 'node:fs';
import path from 'node:path';
import * as internals from '@prisma/internals';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { createMember, createShop } from '../../fixtures/factories';
import { createTestApp, postWebhook } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

describeEachDatabase('app lifecycle and GDPR webhooks', (getDb) => {
  let testApp: ReturnType<typeof createTestApp>;
  beforeAll(() => {
    testApp = createTestApp(getDb());
  });
  const drain = () => processDueTasks(testApp.jobContext());

  it.each([['create first', false], ['update delivered before create', true]])('creates and updates members from customers/create and customers/update (%s)', async (_label, updateFirst) => {
    const shop = await createShop(getDb().prisma);
    const create = { id: 501, email: 'olena@example.com', first_name: 'Олена', last_name: 'Коваль', phone: null };
    const update = { id: 501, email: 'olena.k@example.com', first_name: 'Олена', last_name: 'Коваль', phone: '+380501234567' };
    for (const [topic, payload] of updateFirst ? [['customers/update', update], ['customers/create', create]] as const : [['customers/create', create], ['customers/update', update]] as const) {
      await postWebhook(testApp.app, { shop: shop.domain, topic, payload });
      await drain();
    }
    const members = await getDb().prisma.member.findMany({ where: { shopId: shop.id } });
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ shopifyCustomerId: 'gid://shopify/Customer/501', firstName: 'Олена', phone: '+380501234567' });
  });

  it('removes sessions on app/uninstalled but keeps the shop data', async () => {
    const shop = await createShop(getDb().prisma);
    await saveOfflineSession(getDb().prisma, { shop: shop.domain, accessToken: 'x', scope: null });
    await createMember(getDb().prisma, shop.id);
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'app/uninstalled', payload: { id: 1, domain: shop.domain } });
    await drain();
    expect(await getDb().prisma.session.count({ where: { shop: shop.domain } })).toBe(0);
    expect((await getDb().prisma.shop.findUniqueOrThrow({ where: { id: shop.id } })).uninstalledAt).not.toBeNull();
    expect(await getDb().prisma.member.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it('erases personal data on customers/redact and keeps the anonymous points history', async () => {
    const shop = await createShop(getDb().prisma);
    const member = await createMember(getDb().prisma, shop.id, { email: 'gone@example.com' });
    const customerId = member.shopifyCustomerId.split('/').pop();
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'customers/redact', payload: { shop_domain: shop.domain, customer: { id: Number(customerId), email: 'gone@example.com' }, orders_to_redact: [] } });
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'customers/data_request', payload: { shop_domain: shop.domain, customer: { id: Number(customerId) }, orders_requested: [] } });
    await drain();
    const after = await getDb().prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(after).toMatchObject({ email: null, firstName: null, lastName: null, phone: null });
    expect(await getDb().prisma.task.count({ where: { shopDomain: shop.domain, status: 'failed' } })).toBe(0);
  });

  it('erases everything of the shop on shop/redact, in every table that holds a shopId', async () => {
    const shop = await createShop(getDb().prisma);
    const member = await createMember(getDb().prisma, shop.id);
    await getDb().prisma.outboxMessage.create({ data: { shopId: shop.id, memberId: member.id, event: 'welcome', idempotencyKey: 'w1' } });
    await getDb().prisma.staffMember.create({ data: { shopId: shop.id, userId: '1', role: 'owner' } });
    await getDb().prisma.messageTemplate.create({ data: { shopId: shop.id, event: 'welcome', language: 'en', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', sms: '' } });
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'shop/redact', payload: { shop_id: 1, shop_domain: shop.domain } });
    await drain();
    expect(await getDb().prisma.shop.count({ where: { id: shop.id } })).toBe(0);
    expect(await getDb().prisma.member.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await getDb().prisma.webhookDelivery.count({ where: { shopDomain: shop.domain } })).toBe(0);
    const datamodel = await internals.getDMMF({ datamodel: fs.readFileSync(path.resolve(__dirname, '../../../prisma/schema.prisma'), 'utf8') });
    const tables = datamodel.datamodel.models.filter((model) => model.fields.some((field) => field.name === 'shopId')).map((model) => model.name);
    const left: string[] = [];
    for (const table of tables) {
      const rows = await getDb().prisma.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "shopId" = '${shop.id}'`);
      if (Number(rows[0]!.n) > 0) left.push(table);
    }
    expect(left).toEqual([]);
  });
});
