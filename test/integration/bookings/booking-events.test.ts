// Booking events from booking systems through the real endpoint and the task runner: signatures, the
// replay window, deduplication, unknown customers left for review, bookings without an order, events
// for an order's booking, and Acuity Scheduling's notifications end to end against its simulator.
import request from 'supertest';
import { signBookingEvent } from '../../../web/core/bookings/verify-booking-signature';
import { findBalanceMismatches } from '../../../web/core/ledger/check-balances';
import { processDueTasks } from '../../../web/runtime/process-due-tasks';
import { saveOfflineSession } from '../../../web/server/auth/offline-session-store';
import { mintSessionToken } from '../../../web/server/http/demo-routes';
import { createMember, createShop } from '../../fixtures/factories';
import { orderPayload } from '../../fixtures/order-payloads';
import { startAcuitySimulator, type AcuitySimulator } from '../../simulator/acuity/acuity-simulator';
import { createTestApp, postWebhook, TEST_API_KEY, TEST_API_SECRET } from '../../support/test-app';
import { describeEachDatabase } from '../../support/test-database';

const ACUITY = { userId: '24681357', apiKey: 'acuity-api-key-0123456789abcdef' };

describeEachDatabase('booking events from booking systems', (getDb) => {
  let shop: { id: string; domain: string };
  let testApp: ReturnType<typeof createTestApp>;
  let acuity: AcuitySimulator;
  let endpoint: string;
  let secret: string;
  let eventSeq = 0;

  const as = async (userId: string) => `Bearer ${await mintSessionToken({ shop: shop.domain, apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, userId })}`;
  const api = () => request(testApp.app);
  const prisma = () => getDb().prisma;
  const drain = () => processDueTasks(testApp.jobContext());

  function post(event: object, options: { secret?: string; timestamp?: number; body?: string } = {}) {
    const body = options.body ?? JSON.stringify(event);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    return api().post(endpoint).set('Content-Type', 'application/json').set('X-Loyalty-Timestamp', String(timestamp))
      .set('X-Loyalty-Signature', signBookingEvent(options.secret ?? secret, timestamp, body)).send(body);
  }
  const event = (type: string, booking: Record<string, unknown>, id = `evt-${++eventSeq}`) => ({ id, type, booking: { customer: { email: 'nobody@example.com' }, ...booking } });

  beforeAll(async () => {
    acuity = await startAcuitySimulator(ACUITY);
    shop = await createShop(getDb().prisma, { ianaTimezone: 'Europe/Amsterdam' });
    testApp = createTestApp(getDb(), { ACUITY_API_URL: acuity.apiUrl });
    await saveOfflineSession(prisma(), { shop: shop.domain, accessToken: 'offline', scope: null });
    await api().get('/api/me').set('Authorization', await as('1'));
    await api().get('/api/me').set('Authorization', await as('2'));
    await prisma().programSettings.upsert({ where: { shopId: shop.id }, create: { shopId: shop.id, pointsPerVisit: 5 }, update: { pointsPerVisit: 5 } });
    await prisma().product.create({ data: { shopId: shop.id, shopifyId: 'gid://shopify/Product/501', title: 'Deep tissue massage', variants: JSON.stringify([{ id: 'gid://shopify/ProductVariant/5011', title: '60 min', priceMinor: 7000, sku: 'acuity-777' }]) } });
    await prisma().productLoyalty.create({ data: { shopId: shop.id, productId: 'gid://shopify/Product/501', isService: true, pointsMode: 'fixed', fixedPoints: 30 } });
  });

  afterAll(async () => {
    await acuity.close();
  });

  it('shows the endpoint and its secret to owners only', async () => {
    expect((await api().get('/api/bookings/settings').set('Authorization', await as('2'))).status).toBe(403);
    const settings = await api().get('/api/bookings/settings').set('Authorization', await as('1'));
    expect(settings.status).toBe(200);
    expect(settings.body.endpointUrl).toMatch(/^https:\/\/loyalty\.test\/booking-events\/[A-Za-z0-9_-]{24}$/);
    expect(settings.body.secret).toMatch(/^bes_[0-9a-f]{64}$/);
    endpoint = new URL(settings.body.endpointUrl).pathname;
    secret = settings.body.secret;
    const stored = await prisma().bookingIntegration.findUniqueOrThrow({ where: { shopId: shop.id } });
    expect(stored.secretEncrypted).not.toContain(secret);
  });

  it('answers 401 to a bad signature and stores nothing', async () => {
    const before = await prisma().inboundBookingEvent.count();
    const response = await post(event('created', { id: 'b-1', start: '2026-11-27T10:00:00+01:00' }), { secret: 'bes_wrong' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
    const unsigned = await api().post(endpoint).set('Content-Type', 'application/json').send(JSON.stringify(event('created', { id: 'b-1', start: '2026-11-27T10:00:00+01:00' })));
    expect(unsigned.status).toBe(401);
    expect(await prisma().inboundBookingEvent.count()).toBe(before);
    expect((await api().post('/booking-events/no-such-endpoint-key-000').send('{}')).status).toBe(404);
  });

  it('refuses a correctly signed event outside the 5-minute replay window', async () => {
    const before = await prisma().inboundBookingEvent.count();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await post(event('created', { id: 'b-2', start: '2026-11-27T10:00:00+01:00' }), { timestamp: old });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/replay window/);
    expect(await prisma().inboundBookingEvent.count()).toBe(before);
  });

  it('answers 400 to a signed but invalid event and stores nothing', async () => {
    const before = await prisma().inboundBookingEvent.count();
    expect((await post({ id: 'x', type: 'teleported', booking: {} })).status).toBe(400);
    expect((await post({}, { body: 'not json' })).status).toBe(400);
    expect((await post(event('created', { id: 'b-3', start: '2026-11-27 10:00' }))).status).toBe(400);
    expect(await prisma().inboundBookingEvent.count()).toBe(before);
  });

  it('records an event whose customer matches no member for staff review, once, without retrying', async () => {
    const unknown = event('created', { id: 'b-4', start: '2026-11-27T10:00:00+01:00', customer: { email: 'stranger@example.com', firstName: 'Sam' } }, 'evt-dup');
    const first = await post(unknown);
    const second = await post(unknown);
    expect([first.status, first.body.duplicate, second.status, second.body.duplicate]).toEqual([200, false, 200, true]);
    expect(await prisma().inboundBookingEvent.count({ where: { shopId: shop.id, eventId: 'evt-dup' } })).toBe(1);
    await drain();
    const row = await prisma().inboundBookingEvent.findFirstOrThrow({ where: { shopId: shop.id, eventId: 'evt-dup' } });
    expect(row).toMatchObject({ status: 'needs_review' });
    expect(row.note).toMatch(/stranger@example\.com.*Sam/);
    expect(await prisma().task.findFirstOrThrow({ where: { reference: `booking-event:${row.id}` } })).toMatchObject({ status: 'done', attempts: 1 });
    expect(await prisma().booking.count({ where: { shopId: shop.id } })).toBe(0);
    const review = await api().get('/api/bookings/review').set('Authorization', await as('2'));
    expect(review.body.items).toMatchObject([{ eventId: 'evt-dup', provider: 'generic' }]);
  });

  it('applies a reviewed event for the member a manager matched it to, once', async () => {
    const row = await prisma().inboundBookingEvent.findFirstOrThrow({ where: { shopId: shop.id, eventId: 'evt-dup' } });
    const sam = await createMember(prisma(), shop.id, { firstName: 'Sam', email: 'sam.other@example.com' });
    const path = `/api/bookings/review/${row.id}/assign`;
    expect((await api().post(path).set('Authorization', await as('2')).send({ memberId: sam.id })).status).toBe(403);
    expect((await api().post(path).set('Authorization', await as('1')).send({ memberId: 'no-such-member' })).status).toBe(404);
    expect((await api().post(path).set('Authorization', await as('1')).send({ memberId: sam.id })).status).toBe(200);
    expect((await api().post(path).set('Authorization', await as('1')).send({ memberId: sam.id })).status).toBe(409);
    await drain();
    expect(await prisma().inboundBookingEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: 'applied', assignedMemberId: sam.id });
    const booking = await prisma().booking.findFirstOrThrow({ where: { shopId: shop.id, externalId: 'b-4' } });
    expect(booking.memberId).toBe(sam.id);
    // No service named: the shop's 5 points per visit, pending.
    expect(await prisma().member.findUniqueOrThrow({ where: { id: sam.id } })).toMatchObject({ pendingPoints: 5 });
    expect((await api().get('/api/bookings/review').set('Authorization', await as('2'))).body.items).toEqual([]);
  });

  it('credits a booking without an order per its service, moves it when rescheduled and voids it on a no-show', async () => {
    const member = await createMember(prisma(), shop.id, { email: 'Mia.Jansen@example.com' });
    const booked = event('created', { id: 'b-5', start: '2026-11-27T10:00:00+01:00', end: '2026-11-27T11:00:00+01:00', customer: { email: 'mia.jansen@EXAMPLE.com' }, service: { sku: 'acuity-777' } });
    expect((await post(booked)).status).toBe(200);
    await drain();
    const booking = await prisma().booking.findFirstOrThrow({ where: { shopId: shop.id, externalId: 'b-5' } });
    expect(booking).toMatchObject({ memberId: member.id, productId: 'gid://shopify/Product/501', variantId: 'gid://shopify/ProductVariant/5011', status: 'booked' });
    const [entry] = await prisma().ledgerEntry.findMany({ where: { memberId: member.id } });
    // 30 fixed points of the service + 5 per visit, due 3 h after the end (11:00 + 3 h = 14:00 Amsterdam).
    expect(entry).toMatchObject({ points: 35, status: 'pending', sourceType: 'booking', sourceId: booking.id, idempotencyKey: 'earn:booking:generic:b-5' });
    expect(entry!.availableAt!.toISOString()).toBe('2026-11-27T13:00:00.000Z');
    await post(event('rescheduled', { id: 'b-5', start: '2026-11-28T10:00:00+01:00', end: '2026-11-28T11:00:00+01:00', customer: { email: 'mia.jansen@example.com' } }));
    await drain();
    expect((await prisma().ledgerEntry.findFirstOrThrow({ where: { id: entry!.id } })).availableAt!.toISOString()).toBe('2026-11-28T13:00:00.000Z');
    await post(event('no_show', { id: 'b-5', start: '2026-11-28T10:00:00+01:00', customer: { email: 'mia.jansen@example.com' } }));
    await drain();
    expect(await prisma().ledgerEntry.findFirstOrThrow({ where: { id: entry!.id } })).toMatchObject({ status: 'voided' });
    expect(await prisma().member.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({ balance: 0, pendingPoints: 0 });
    const history = await api().get(`/api/members/${member.id}/bookings`).set('Authorization', await as('2'));
    expect(history.body.events.map((e: { kind: string; source: string }) => [e.kind, e.source])).toEqual([['no_show', 'booking_system'], ['rescheduled', 'booking_system'], ['booked', 'booking_system']]);
    expect(history.body.items).toMatchObject([{ bookingId: booking.id, status: 'no_show', pendingPoints: 0 }]);
  });

  it('reschedules the booking of a Shopify order line named by the event', async () => {
    const order = orderPayload({ customerId: 42_001, lines: [{ title: 'Haircut', price: '45.00', properties: [{ name: 'Date', value: '26-11-2026' }, { name: 'Time', value: '14:00' }] }] });
    await postWebhook(testApp.app, { shop: shop.domain, topic: 'orders/paid', payload: order });
    await drain();
    const lineItemId = order.line_items[0]!.admin_graphql_api_id;
    await post(event('rescheduled', { id: 'ext-77', start: '2026-11-27T10:00:00+01:00', lineItemId, customer: { shopifyCustomerId: '42001' } }));
    await drain();
    const entry = await prisma().ledgerEntry.findFirstOrThrow({ where: { shopId: shop.id, lineItemId } });
    expect(entry.availableAt!.toISOString()).toBe('2026-11-27T12:00:00.000Z');
    expect(await prisma().bookingEvent.findFirstOrThrow({ where: { lineItemId } })).toMatchObject({ kind: 'rescheduled', source: 'booking_system' });
  });

  it('takes Acuity Scheduling notifications end to end: scheduled, rescheduled, then a no-show', async () => {
    const member = await createMember(prisma(), shop.id, { email: 'olena@example.com' });
    const appointment = acuity.book({ firstName: 'Olena', lastName: 'K', email: 'olena@example.com', phone: '', datetime: '2026-11-27T10:00:00+0100', duration: 60, appointmentTypeID: 777, type: 'Deep tissue massage' });
    const acuityPath = `${endpoint}/acuity`;
    const send = (action: 'scheduled' | 'rescheduled' | 'canceled' | 'changed', signature?: string) => {
      const { body, signature: signed } = acuity.notification(action, appointment.id);
      return api().post(acuityPath).set('Content-Type', 'application/x-www-form-urlencoded').set('X-Acuity-Signature', signature ?? signed).send(body);
    };
    // Not connected yet: Acuity's signature cannot be checked.
    expect((await send('scheduled')).status).toBe(401);
    const saved = await api().put('/api/bookings/settings').set('Authorization', await as('1')).send({ noShowOrderTag: '', creditOnCheckIn: false, acuity: ACUITY });
    expect(saved.body).toMatchObject({ acuityConnected: true, acuityUserId: ACUITY.userId });
    expect(JSON.stringify(saved.body)).not.toContain(ACUITY.apiKey);
    expect((await send('scheduled', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=')).status).toBe(401);

    expect((await send('scheduled')).status).toBe(200);
    await drain();
    expect(acuity.requests).toContain(`GET /api/v1/appointments/${appointment.id}`);
    const booking = await prisma().booking.findFirstOrThrow({ where: { shopId: shop.id, provider: 'acuity', externalId: String(appointment.id) } });
    expect(booking).toMatchObject({ memberId: member.id, productId: 'gid://shopify/Product/501' });
    expect([booking.startsAt.toISOString(), booking.endsAt!.toISOString()]).toEqual(['2026-11-27T09:00:00.000Z', '2026-11-27T10:00:00.000Z']);
    const entry = await prisma().ledgerEntry.findFirstOrThrow({ where: { memberId: member.id } });
    expect(entry).toMatchObject({ points: 35, status: 'pending' });
    expect(entry.availableAt!.toISOString()).toBe('2026-11-27T13:00:00.000Z');

    appointment.datetime = '2026-11-29T09:30:00+0100';
    expect((await send('rescheduled')).status).toBe(200);
    await drain();
    expect((await prisma().ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).availableAt!.toISOString()).toBe('2026-11-29T12:30:00.000Z');

    appointment.noShow = true;
    expect((await send('changed')).status).toBe(200);
    await drain();
    expect(await prisma().ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ status: 'voided' });
    expect(await prisma().booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ status: 'no_show' });
    expect(await prisma().inboundBookingEvent.count({ where: { shopId: shop.id, provider: 'acuity', status: 'applied' } })).toBe(3);
  });

  it('leaves every cached balance equal to its ledger', async () => {
    expect((await findBalanceMismatches(prisma())).mismatches).toEqual([]);
  });
});
