// Before the chaos: the shop installs the app (its first admin request exchanges the session token),
// the owner allows negative balances (so a claw-back takes exactly what the order earned, whatever the
// customer spent since — the expected points stay independent of timing), creates a gift-card and a
// store-credit reward, and the customers arrive (customers/create webhooks; a few "walk-ins" are left
// for their first order to create). Each starts with a goodwill adjustment so redemptions have points
// to spend.
import { customerWebhookPayload } from '../simulator';
import type { ShopState } from '../simulator/shop-state';
import { createDatabase } from '../../web/server/db/create-database';
import type { AppClients, HttpAnswer } from './app-clients';
import { WALK_IN_CUSTOMERS } from './order-scenarios';
import type { StorefrontAndStaffTraffic } from './storefront-and-staff-traffic';

export interface PreparedShop {
  giftCardRewardId: string;
  storeCreditRewardId: string;
  members: Array<{ customerId: number; memberId: string }>;
}

async function until200(what: string, call: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
  let last: unknown;
  for (let attempt = 0; attempt < 30; attempt += 1) {
    try {
      const answer = await call();
      if (answer.status >= 200 && answer.status < 300) return answer;
      last = answer;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${what} failed: ${JSON.stringify(last)}`);
}

export async function prepareShop(input: { clients: AppClients; databaseUrl: string; shop: ShopState; people: StorefrontAndStaffTraffic; note: (what: string) => void }): Promise<PreparedShop> {
  const { clients, shop, note } = input;
  await until200('install', () => clients.admin('GET', '/me'));
  await until200('programme settings', () => clients.admin('PATCH', '/settings/program', { allowNegativeBalance: true }));
  const reward = async (body: object) => ((await until200('reward', () => clients.admin('POST', '/rewards', body))).body as { reward: { id: string } }).reward.id;
  const giftCardRewardId = await reward({ title: '10 EUR gift card', type: 'gift_card', valueMinor: 1000, currency: 'EUR', pointsCost: 100 });
  const storeCreditRewardId = await reward({ title: '5 EUR store credit', type: 'store_credit', valueMinor: 500, currency: 'EUR', pointsCost: 50 });
  note('shop installed, negative balances allowed, 2 rewards');

  const announced = shop.customers.slice(0, -WALK_IN_CUSTOMERS);
  for (const customer of announced) {
    await until200('customers/create', () => clients.webhook('customers/create', JSON.stringify(customerWebhookPayload(customer)), `chaos-customer-${shop.id}-${customer.id}`));
  }
  const db = createDatabase(input.databaseUrl, { poolSize: 2 });
  let members: PreparedShop['members'] = [];
  try {
    for (let waited = 0; members.length < announced.length; waited += 1000) {
      if (waited > 90_000) throw new Error(`only ${members.length} of ${announced.length} members after 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rows = await db.prisma.member.findMany({ where: { shop: { domain: shop.domain } }, select: { id: true, shopifyCustomerId: true } });
      members = rows.map((row) => ({ customerId: Number(row.shopifyCustomerId.split('/').pop()), memberId: row.id }));
    }
  } finally {
    await db.close();
  }
  await Promise.all(members.map((member) => input.people.adjust(input.people.newAdjustment(member.memberId, 300), Date.now() + 60_000)));
  note(`${members.length} members, each given 300 points`);
  return { giftCardRewardId, storeCreditRewardId, members };
}
