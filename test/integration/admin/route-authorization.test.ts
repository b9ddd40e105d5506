// Authorization by default: every /api route the app serves has an entry in the route table
// (minimum role, audit action), and every write leaves its audit row. The app's own router is walked,
// so a route added without an entry fails here before it ships.
import type { Express } from 'express';
import request from 'supertest';
import { adminRoutePolicies, type AdminRoutePolicy } from '../../../web/server/http/admin/admin-route-policies';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createMember } from '../../fixtures/factories';
import { startShopifySimulator, type ShopifySimulator } from '../../simulator';
import { createTestApp, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';
import { createMemberWithPoints, createReward, createSimulatedShop } from '../rewards/rewards-fixtures';

interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every (METHOD, path) the app routes, read from Express' router stack. */
function routesOf(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) if (method !== '_all') found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

const WRITE = /^(POST|PUT|PATCH|DELETE) /;

describeEachDatabase('admin route authorization', (getDb) => {
  let sim: ShopifySimulator;
  let testApp: ReturnType<typeof createTestApp>;
  let shop: { id: string; domain: string };
  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;

  beforeAll(async () => {
    sim = await startShopifySimulator({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, maximumAvailable: 100_000, restoreRate: 100_000 });
    testApp = createTestApp(getDb(), { SHOPIFY_SIMULATOR_URL: sim.url });
    shop = await createSimulatedShop(getDb().prisma, sim);
    // The first user of a shop is its owner; the next one is staff.
    await request(testApp.app).get('/api/me').set('Authorization', await as('1')).expect(200);
    await request(testApp.app).get('/api/me').set('Authorization', await as('2')).expect(200);
  });
  afterAll(async () => sim.close());

  it('has a declared minimum role for every /api route, and no entry for a route that does not exist', () => {
    const apiRoutes = routesOf(testApp.app.express).filter((route) => route.includes(' /api/')).map((route) => route.replace(' /api/', ' /'));
    expect(apiRoutes.length).toBeGreaterThan(40);
    expect(apiRoutes.filter((route) => !(route in adminRoutePolicies))).toEqual([]);
    expect(Object.keys(adminRoutePolicies).filter((route) => !apiRoutes.includes(route))).toEqual([]);
  });

  it('declares an audit action for every write, unless it is declared to change nothing', () => {
    const writes = Object.entries(adminRoutePolicies as Record<string, AdminRoutePolicy>).filter(([route]) => WRITE.test(route));
    expect(writes.filter(([, policy]) => !policy.audit && !policy.changesNothing).map(([route]) => route)).toEqual([]);
  });

  it('refuses staff the multipliers (403) and creates nothing', async () => {
    const body = { name: 'x10 forever', startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', multiplierPercent: 1000 };
    const created = await request(testApp.app).post('/api/multipliers').set('Authorization', await as('2')).send(body);
    expect(created.status).toBe(403);
    expect(await getDb().prisma.earnMultiplier.count({ where: { shopId: shop.id } })).toBe(0);
    const mine = await request(testApp.app).post('/api/multipliers').set('Authorization', await as('1')).send(body);
    expect(mine.status).toBe(201);
    expect((await request(testApp.app).delete(`/api/multipliers/${mine.body.id}`).set('Authorization', await as('2'))).status).toBe(403);
    expect(await getDb().prisma.earnMultiplier.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it('leaves an audit row with the declared action for every write the owner makes', async () => {
    const prisma = getDb().prisma;
    const owner = await as('1');
    const member = await createMemberWithPoints(prisma, sim, shop, 1000);
    const other = await createMember(prisma, shop.id, { email: 'bulk@example.com' });
    await prisma.product.create({ data: { shopId: shop.id, shopifyId: 'gid://shopify/Product/77', title: 'Massage' } });
    const call = (method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: object) => request(testApp.app)[method](`/api${path}`).set('Authorization', owner).send(body);
    const reward = await createReward(prisma, shop.id);
    const archived = await createReward(prisma, shop.id, { title: 'Old' });
    let consentTypeId = '';
    let multiplierId = '';
    let redemptionId = '';
    let groupId = '';
    let campaignId = '';
    let bulkMessageId = '';
    let importId = '';
    // One successful call per write route, in an order where each finds what it needs.
    const samples: Record<string, () => Promise<request.Response>> = {
      'POST /members/:id/adjustments': () => call('post', `/members/${member.id}/adjustments`, { points: 5, description: 'Thanks', idempotencyKey: 'audit-adj' }),
      'POST /adjustments/bulk': () => call('post', '/adjustments/bulk', { csv: 'customer,points,description\nbulk@example.com,3,Bonus', dryRun: false, idempotencyKey: 'audit-bulk' }),
      'POST /consent-types': async () => {
        const response = await call('post', '/consent-types', { key: 'newsletter', name: 'Newsletter' });
        consentTypeId = response.body.id;
        return response;
      },
      'PATCH /consent-types/:id': () => call('patch', `/consent-types/${consentTypeId}`, { name: 'News' }),
      'POST /members/:memberId/consents': () => call('post', `/members/${other.id}/consents`, { consentTypeId, granted: true }),
      'DELETE /consent-types/:id': async () => {
        const unanswered = await prisma.consentType.create({ data: { shopId: shop.id, key: 'sms', name: 'SMS' } });
        return call('delete', `/consent-types/${unanswered.id}`);
      },
      'POST /webhooks/failed/retry': () => call('post', '/webhooks/failed/retry', { ids: ['no-such-delivery'] }),
      'PUT /products/:productId/loyalty': () => call('put', '/products/77/loyalty', { enabled: false }),
      'PUT /products-loyalty': () => call('put', '/products-loyalty', { items: [{ productId: '77', settings: { enabled: true } }] }),
      'PUT /orders/appointment-issues/:lineItemId/time': async () => {
        const order = await prisma.orderRecord.create({ data: { shopId: shop.id, shopifyOrderId: 'gid://shopify/Order/8801', memberId: member.id, currency: 'EUR', processedAt: new Date(), shopifyUpdatedAt: new Date() } });
        for (const n of [1, 2, 3]) {
          await prisma.orderLine.create({ data: { shopId: shop.id, orderRecordId: order.id, shopifyLineItemId: `gid://shopify/LineItem/880${n}`, title: 'Massage', quantity: 1, eligibleMinor: 5000, isService: true, appointmentStatus: 'unparseable' } });
        }
        return call('put', `/orders/appointment-issues/${encodeURIComponent('gid://shopify/LineItem/8801')}/time`, { start: '2026-12-01T10:00:00Z' });
      },
      'POST /bookings/check-in': () => call('post', '/bookings/check-in', { lineItemId: 'gid://shopify/LineItem/8801' }),
      'POST /bookings/reschedule': () => call('post', '/bookings/reschedule', { lineItemId: 'gid://shopify/LineItem/8802', start: '2026-12-02T10:00:00Z' }),
      'POST /bookings/outcome': () => call('post', '/bookings/outcome', { lineItemId: 'gid://shopify/LineItem/8803', outcome: 'no_show' }),
      'PUT /bookings/settings': () => call('put', '/bookings/settings', { noShowOrderTag: 'no-show', creditOnCheckIn: true, acuity: { userId: '123', apiKey: 'acuity-secret-key' } }),
      'POST /bookings/settings/secret': () => call('post', '/bookings/settings/secret'),
      'POST /bookings/review/:id/assign': async () => {
        const event = await prisma.inboundBookingEvent.create({ data: { shopId: shop.id, provider: 'generic', eventId: 'audit-review', payload: '{}', status: 'needs_review' } });
        return call('post', `/bookings/review/${event.id}/assign`, { memberId: member.id });
      },
      'POST /rewards': () => call('post', '/rewards', { title: 'Gift card €5', valueMinor: 500, currency: 'EUR', pointsCost: 50 }),
      'PATCH /rewards/:id': () => call('patch', `/rewards/${reward.id}`, { pointsCost: 90 }),
      'DELETE /rewards/:id': () => call('delete', `/rewards/${archived.id}`),
      'POST /redemptions': async () => {
        const response = await call('post', '/redemptions', { customerId: member.customerNumericId, rewardId: reward.id, idempotencyKey: 'audit-redeem' });
        redemptionId = response.body.redemption?.id;
        return response;
      },
      'POST /redemptions/:id/deactivate': () => call('post', `/redemptions/${redemptionId}/deactivate`, { returnPoints: false }),
      'POST /multipliers': async () => {
        const response = await call('post', '/multipliers', { name: 'Double weekend', startsAt: '2026-12-05T00:00:00Z', endsAt: '2026-12-07T00:00:00Z', multiplierPercent: 200 });
        multiplierId = response.body.id;
        return response;
      },
      'DELETE /multipliers/:id': () => call('delete', `/multipliers/${multiplierId}`),
      'POST /groups': async () => {
        const response = await call('post', '/groups', { name: 'Audit group', kind: 'manual' });
        groupId = response.body.id;
        return response;
      },
      'PATCH /groups/:id': () => call('patch', `/groups/${groupId}`, { description: 'Audited' }),
      'POST /groups/:id/members': () => call('post', `/groups/${groupId}/members`, { memberIds: [member.id, other.id] }),
      'POST /groups/:id/members/remove': () => call('post', `/groups/${groupId}/members/remove`, { memberIds: [member.id] }),
      'DELETE /groups/:id/members/:memberId': () => call('delete', `/groups/${groupId}/members/${other.id}`),
      'POST /groups/:id/members/import': () => call('post', `/groups/${groupId}/members/import`, { csv: 'bulk@example.com', dryRun: false }),
      'PUT /groups/tiers': async () => {
        const tier = await prisma.customerGroup.create({ data: { shopId: shop.id, name: 'Audit tier', kind: 'automatic', tierRank: 1, tierMetric: 'spend', tierThreshold: 100_000n, tierPeriod: 'calendar_year' } });
        return call('put', '/groups/tiers', { metric: 'spend', period: 'calendar_year', tiers: [{ groupId: tier.id, threshold: 50_000 }] });
      },
      'DELETE /groups/:id': () => call('delete', `/groups/${groupId}`),
      'POST /campaigns': async () => {
        const response = await call('post', '/campaigns', { kind: 'birthday', name: 'Birthday', points: 10 });
        campaignId = response.body.id;
        return response;
      },
      'PATCH /campaigns/:id': () => call('patch', `/campaigns/${campaignId}`, { enabled: true }),
      'DELETE /campaigns/:id': () => call('delete', `/campaigns/${campaignId}`),
      'PUT /settings/expiry': () => call('put', '/settings/expiry', { enabled: true, inactivityMonths: 12, warningDays: 30 }),
      'POST /members/:id/entries/:entryId/reverse-expiry': async () => {
        const expired = await prisma.ledgerEntry.create({ data: { shopId: shop.id, memberId: other.id, type: 'expire', status: 'posted', points: -3, description: 'Expired', sourceType: 'job', sourceId: 'points-expiry', idempotencyKey: 'audit-expire', postedAt: new Date() } });
        return call('post', `/members/${other.id}/entries/${expired.id}/reverse-expiry`);
      },
      'PATCH /settings/program': () => call('patch', '/settings/program', { pointsPerVisit: 1 }),
      'PUT /message-templates/:event/:language': () => call('put', '/message-templates/welcome/en', { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', sms: '' }),
      'DELETE /message-templates/:event/:language': () => call('delete', '/message-templates/welcome/en'),
      'PUT /settings/smtp': () => call('put', '/settings/smtp', { host: 'smtp.example.com', port: 587, secure: false, fromAddress: 'shop@example.com', password: 'hunter2' }),
      'DELETE /settings/smtp': () => call('delete', '/settings/smtp'),
      'PUT /staff/:userId': () => call('put', '/staff/2', { role: 'manager' }),
      'POST /locations/sync': () => call('post', '/locations/sync'),
      'PUT /setup/steps/:step': () => call('put', '/setup/steps/widget', { done: true }),
      'POST /imports/customers': () => call('post', '/imports/customers'),
      'POST /imports/past-orders': () => call('post', '/imports/past-orders', { from: '2026-01-01', to: '2026-02-01' }),
      'POST /imports/balances': async () => {
        const response = await call('post', '/imports/balances', { csv: 'Shopify Customer ID,Customer Email,Points\n99123,audit@example.com,5', fileName: 'bon.csv' });
        importId = response.body.job?.id;
        return response;
      },
      'POST /imports/:id/confirm': () => call('post', `/imports/${importId}/confirm`),
      'POST /alerts/:id/acknowledge': async () => {
        const alert = await prisma.staffAlert.create({ data: { shopId: shop.id, kind: 'redemption_reversed', subject: 'audit-alert', message: 'A redemption was reversed' } });
        return call('post', `/alerts/${alert.id}/acknowledge`);
      },
      'POST /bulk-messages': async () => {
        const response = await call('post', '/bulk-messages', { name: 'News', audience: { allMembers: true, groupIds: [] }, channels: 'email', content: { nl: { subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', sms: '' } }, runAt: '2099-01-01T00:00:00Z', confirm: true });
        bulkMessageId = response.body.id;
        return response;
      },
      'POST /bulk-messages/:id/cancel': () => call('post', `/bulk-messages/${bulkMessageId}/cancel`),
      'PUT /settings/sms-pricing': () => call('put', '/settings/sms-pricing', { pricePerSegmentMinor: 101, currency: 'UAH' }),
      'PUT /message-channels/:event': () => call('put', '/message-channels/points_credited', { channels: 'both' }),
      'POST /messages/:id/retry': async () => {
        const failed = await prisma.outboxMessage.create({ data: { shopId: shop.id, memberId: other.id, event: 'points_credited', idempotencyKey: 'audit-retry', status: 'failed', lastError: 'auth: 535' } });
        return call('post', `/messages/${failed.id}/retry`);
      },
    };
    const writes = Object.entries(adminRoutePolicies as Record<string, AdminRoutePolicy>).filter(([route, policy]) => WRITE.test(route) && !policy.changesNothing);
    expect(writes.map(([route]) => route).filter((route) => !(route in samples))).toEqual([]);
    for (const [route, run] of Object.entries(samples)) {
      const action = (adminRoutePolicies as Record<string, AdminRoutePolicy>)[route]!.audit!.action;
      const before = await prisma.staffAction.count({ where: { shopId: shop.id, action } });
      const response = await run();
      expect(response.status >= 200 && response.status < 300 ? route : `${route}: ${response.status} ${response.text}`).toBe(route);
      expect({ route, rows: await prisma.staffAction.count({ where: { shopId: shop.id, action, userId: '1' } }) - before }).toEqual({ route, rows: 1 });
    }
    const smtpAudit = await prisma.staffAction.findFirstOrThrow({ where: { shopId: shop.id, action: 'settings.smtp' } });
    expect(smtpAudit.details).not.toContain('hunter2');
  });

  it('answers a route missing from the table with 404, even for the owner', async () => {
    const response = await request(testApp.app).get('/api/not-declared').set('Authorization', await as('1'));
    expect(response.status).toBe(404);
  });
});
