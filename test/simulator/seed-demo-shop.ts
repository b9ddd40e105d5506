import { DateTime } from 'luxon';
import { createSeededRandom, type SeededRandom } from './seeded-random';
import {
  allocateId,
  type FinancialStatus,
  type ShopState,
  type SimCustomer,
  type SimLineItemProperty,
  type SimOrder,
  type SimProduct,
} from './shop-state';
import type { SimLocation } from './locations';

// The demo salon: services that book appointments, some retail, one gift card product, 60 customers
// and 200 orders over the last 90 days. Everything derives from a fixed seed and the `now` option,
// so two seeds with the same `now` are identical.

export const DEMO_SHOP_DOMAIN = 'demo-salon.myshopify.com';
const SEED = 20_260_701;

export interface SeedDemoShopOptions {
  now?: Date;
}

interface ProductSpec {
  title: string;
  type: 'Service' | 'Retail' | 'Gift card';
  tags: string[];
  /** Variant title -> price in cents. */
  variants: Array<[string, number]>;
  durationMinutes?: number;
}

const PRODUCTS: ProductSpec[] = [
  { title: "Women's haircut", type: 'Service', tags: ['service', 'hair'], variants: [['Default Title', 5500]], durationMinutes: 45 },
  { title: "Men's haircut", type: 'Service', tags: ['service', 'hair'], variants: [['Default Title', 3500]], durationMinutes: 30 },
  { title: 'Hair colour', type: 'Service', tags: ['service', 'hair'], variants: [['Full colour', 9500], ['Highlights', 12000]], durationMinutes: 120 },
  { title: 'Massage 60 min', type: 'Service', tags: ['service', 'wellness'], variants: [['Default Title', 7500]], durationMinutes: 60 },
  { title: 'Yoga class', type: 'Service', tags: ['service', 'class'], variants: [['Drop-in', 1800], ['5-class card', 8000]], durationMinutes: 60 },
  { title: 'Personal training', type: 'Service', tags: ['service', 'fitness'], variants: [['60 min', 6000], ['30 min', 3500]], durationMinutes: 60 },
  { title: 'Bike rental', type: 'Service', tags: ['service', 'rental'], variants: [['Half day', 2500], ['Full day', 4000]], durationMinutes: 240 },
  { title: 'Manicure', type: 'Service', tags: ['service', 'nails'], variants: [['Default Title', 3000]], durationMinutes: 45 },
  { title: 'Argan shampoo', type: 'Retail', tags: ['retail', 'hair'], variants: [['250 ml', 1950]] },
  { title: 'Repair conditioner', type: 'Retail', tags: ['retail', 'hair'], variants: [['250 ml', 2150]] },
  { title: 'Hair oil', type: 'Retail', tags: ['retail', 'hair'], variants: [['50 ml', 2400]] },
  { title: 'Yoga mat', type: 'Retail', tags: ['retail', 'class'], variants: [['Green', 3900], ['Grey', 3900]] },
  { title: 'Water bottle', type: 'Retail', tags: ['retail'], variants: [['Default Title', 1500]] },
  { title: 'Gift card', type: 'Gift card', tags: ['gift-card'], variants: [['€25', 2500], ['€50', 5000], ['€100', 10000]] },
];

/** The salon's three places; most orders are at the first (its id is what every order carried before). */
export const DEMO_LOCATIONS: ReadonlyArray<Pick<SimLocation, 'id' | 'name' | 'city' | 'address1' | 'zip'>> = [
  { id: 70_000_000_001, name: 'Salon Centrum', city: 'Amsterdam', address1: 'Prinsengracht 100', zip: '1015 EA' },
  { id: 70_000_000_002, name: 'Studio Oost', city: 'Amsterdam', address1: 'Linnaeusstraat 20', zip: '1092 CK' },
  { id: 70_000_000_003, name: 'Wellness Haarlem', city: 'Haarlem', address1: 'Grote Markt 5', zip: '2011 RD' },
];

function createLocations(now: DateTime): SimLocation[] {
  const created = isoUtc(now.minus({ days: 400 }));
  return DEMO_LOCATIONS.map((location) => ({ ...location, isActive: true, countryCode: 'NL', createdAt: created, updatedAt: created }));
}

/** [first name, last name, ascii email local part, locale, phone country code] */
const PEOPLE: Array<[string, string, string, string, string]> = [
  ['Emma', 'de Vries', 'emma.devries', 'nl', '+31'], ['Daan', 'Jansen', 'daan.jansen', 'nl', '+31'],
  ['Sanne', 'van Dijk', 'sanne.vandijk', 'nl', '+31'], ['Lucas', 'Bakker', 'lucas.bakker', 'nl', '+31'],
  ['Femke', 'Visser', 'femke.visser', 'nl', '+31'], ['Bram', 'Smit', 'bram.smit', 'nl', '+31'],
  ['Lotte', 'Meijer', 'lotte.meijer', 'nl', '+31'], ['Joris', 'de Boer', 'joris.deboer', 'nl', '+31'],
  ['Anouk', 'Mulder', 'anouk.mulder', 'nl', '+31'], ['Thijs', 'de Groot', 'thijs.degroot', 'nl', '+31'],
  ['Noor', 'Bos', 'noor.bos', 'nl', '+31'], ['Ruben', 'Vos', 'ruben.vos', 'nl', '+31'],
  ['Olena', 'Kovalenko', 'olena.kovalenko', 'uk', '+380'], ['Андрій', 'Шевченко', 'andrii.shevchenko', 'uk', '+380'],
  ['Iryna', 'Bondarenko', 'iryna.bondarenko', 'uk', '+380'], ['Oksana', 'Tkachenko', 'oksana.tkachenko', 'uk', '+380'],
  ['Марія', 'Мельник', 'mariia.melnyk', 'uk', '+380'], ['Taras', 'Kravchenko', 'taras.kravchenko', 'uk', '+380'],
  ['Dmytro', 'Boyko', 'dmytro.boyko', 'uk', '+380'], ['Yulia', 'Oliynyk', 'yulia.oliynyk', 'uk', '+380'],
  ['Mette', 'Jørgensen', 'mette.jorgensen', 'da', '+45'], ['Søren', 'Nielsen', 'soren.nielsen', 'da', '+45'],
  ['Freja', 'Hansen', 'freja.hansen', 'da', '+45'], ['Mads', 'Pedersen', 'mads.pedersen', 'da', '+45'],
  ['Ida', 'Andersen', 'ida.andersen', 'da', '+45'], ['Rasmus', 'Kjær', 'rasmus.kjaer', 'da', '+45'],
  ['Astrid', 'Møller', 'astrid.moller', 'da', '+45'], ['Magnus', 'Lund', 'magnus.lund', 'da', '+45'],
  ['Agnieszka', 'Kowalska', 'agnieszka.kowalska', 'pl', '+48'], ['Piotr', 'Wiśniewski', 'piotr.wisniewski', 'pl', '+48'],
  ['Katarzyna', 'Wójcik', 'katarzyna.wojcik', 'pl', '+48'], ['Tomasz', 'Kamiński', 'tomasz.kaminski', 'pl', '+48'],
  ['Małgorzata', 'Lewandowska', 'malgorzata.lewandowska', 'pl', '+48'], ['Paweł', 'Zieliński', 'pawel.zielinski', 'pl', '+48'],
  ['Zofia', 'Szymańska', 'zofia.szymanska', 'pl', '+48'], ['Łukasz', 'Dąbrowski', 'lukasz.dabrowski', 'pl', '+48'],
  ['Olivia', 'Smith', 'olivia.smith', 'en', '+44'], ['James', 'Taylor', 'james.taylor', 'en', '+44'],
  ['Amelia', 'Brown', 'amelia.brown', 'en', '+44'], ['Oliver', 'Wilson', 'oliver.wilson', 'en', '+44'],
  ['Sophie', 'Evans', 'sophie.evans', 'en', '+44'], ['Harry', 'Thomas', 'harry.thomas', 'en', '+44'],
  ['Mia', 'Johnson', 'mia.johnson', 'en', '+1'], ['Ethan', 'Miller', 'ethan.miller', 'en', '+1'],
  ['Chloe', 'Davis', 'chloe.davis', 'en', '+1'], ['Noah', 'Garcia', 'noah.garcia', 'en', '+1'],
  ['Ava', 'Martinez', 'ava.martinez', 'en', '+1'], ['Liam', "O'Connor", 'liam.oconnor', 'en', '+353'],
  ['Fatima', 'El Amrani', 'fatima.elamrani', 'nl', '+31'], ['Mehmet', 'Yılmaz', 'mehmet.yilmaz', 'nl', '+31'],
  ['Priya', 'Sharma', 'priya.sharma', 'en', '+31'], ['Wei', 'Chen', 'wei.chen', 'en', '+31'],
  ['Julia', 'Schmidt', 'julia.schmidt', 'en', '+49'], ['Lena', 'Müller', 'lena.muller', 'en', '+49'],
  ['Marco', 'Rossi', 'marco.rossi', 'en', '+39'], ['Camille', 'Dubois', 'camille.dubois', 'en', '+33'],
  ['Sara', 'Lindqvist', 'sara.lindqvist', 'da', '+46'], ['Kasper', 'Holm', 'kasper.holm', 'da', '+45'],
  ['Nadia', 'Petrenko', 'nadia.petrenko', 'uk', '+380'], ['Ewa', 'Nowak', 'ewa.nowak', 'pl', '+48'],
];

const TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ssZZ";

function isoUtc(date: DateTime): string {
  return date.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

function createProducts(shop: ShopState, now: DateTime): SimProduct[] {
  return PRODUCTS.map((spec, index) => {
    const id = allocateId(shop);
    const created = isoUtc(now.minus({ days: 400 - index }));
    return {
      id,
      title: spec.title,
      handle: spec.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, ''),
      productType: spec.type,
      vendor: 'Demo Salon & Studio',
      tags: spec.durationMinutes ? [...spec.tags, `duration-${spec.durationMinutes}`] : spec.tags,
      isGiftCard: spec.type === 'Gift card',
      status: 'ACTIVE',
      createdAt: created,
      updatedAt: created,
      variants: spec.variants.map(([title, price], variantIndex) => ({
        id: allocateId(shop),
        productId: id,
        title,
        price,
        sku: spec.type === 'Gift card' ? null : `DS-${String(index + 1).padStart(2, '0')}-${variantIndex + 1}`,
      })),
      metafields: [],
    };
  });
}

function createCustomers(shop: ShopState, random: SeededRandom, now: DateTime): SimCustomer[] {
  return PEOPLE.map(([firstName, lastName, emailLocal, locale, countryCode]) => {
    const created = isoUtc(now.minus({ days: random.int(95, 900), minutes: random.int(0, 1440) }));
    return {
      id: allocateId(shop),
      firstName,
      lastName,
      email: `${emailLocal}@example.com`,
      phone: random.chance(0.8) ? `${countryCode}6${String(random.int(10_000_000, 99_999_999))}` : null,
      locale,
      tags: random.chance(0.2) ? ['vip'] : [],
      note: null,
      emailMarketingState: random.chance(0.6) ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED',
      createdAt: created,
      updatedAt: created,
      metafields: [],
    };
  });
}

/**
 * Appointment properties in the shapes different booking apps write them; the app's parser must cope
 * with all of them, including the deliberately unparseable ones.
 */
function appointmentProperties(start: DateTime, durationMinutes: number, variantIndex: number, random: SeededRandom): SimLineItemProperty[] {
  const end = start.plus({ minutes: durationMinutes });
  const bookingId = { name: '_booking_id', value: `BK-${random.hex(8)}` };
  switch (variantIndex % 8) {
    case 0:
      return [{ name: 'Booking date', value: start.toFormat('yyyy-MM-dd HH:mm') }, bookingId];
    case 1:
      return [{ name: 'Date', value: start.toFormat('dd/MM/yyyy') }, { name: 'Time', value: start.toFormat('HH:mm') }];
    case 2:
      return [{ name: 'When', value: `${start.toFormat('MMM d, yyyy h:mm a')} - ${end.toFormat('h:mm a')}` }];
    case 3:
      return [{ name: 'Date', value: start.toFormat('yyyy-MM-dd') }, { name: 'Time', value: `${start.toFormat('HH:mm')}-${end.toFormat('HH:mm')}` }];
    case 4:
      return [
        { name: '_appointment_start', value: start.toFormat(TIMESTAMP) },
        { name: '_appointment_end', value: end.toFormat(TIMESTAMP) },
        bookingId,
      ];
    case 5:
      return [
        { name: '_appointment_start', value: start.toFormat("yyyy-MM-dd'T'HH:mm:ss") },
        { name: 'Duration', value: `${durationMinutes} min` },
      ];
    case 6:
      return [
        { name: 'Appointment', value: start.toFormat('cccc d LLLL yyyy, HH:mm') },
        { name: 'Duration', value: `${durationMinutes} min` },
        { name: 'Staff', value: random.pick(['Anna', 'Mark', 'Yara', 'Piet']) },
      ];
    default:
      return [{ name: 'Booking date', value: start.toFormat('yyyy-MM-dd HH:mm') }, { name: 'Duration', value: `${durationMinutes} min` }];
  }
}

function createOrders(shop: ShopState, products: SimProduct[], customers: SimCustomer[], random: SeededRandom, now: DateTime): SimOrder[] {
  const services = products.filter((p) => p.productType === 'Service');
  const retail = products.filter((p) => p.productType === 'Retail');
  const giftCard = products.find((p) => p.isGiftCard);
  const createdTimes = Array.from({ length: 200 }, () => now.minus({ minutes: random.int(30, 90 * 24 * 60 - 30) })).sort(
    (a, b) => a.toMillis() - b.toMillis(),
  );
  let appointmentCounter = 0;
  return createdTimes.map((createdAt, index) => {
    const customer = random.chance(0.88) ? random.pick(customers) : null;
    const lineCount = random.int(1, 3);
    const lineItems = Array.from({ length: lineCount }, (_, lineIndex) => {
      const roll = random.next();
      const product = roll < 0.65 ? random.pick(services) : roll < 0.95 || !giftCard ? random.pick(retail) : giftCard;
      const variant = random.pick(product.variants);
      const isService = product.productType === 'Service';
      const quantity = isService || product.isGiftCard ? 1 : random.int(1, 2);
      let properties: SimLineItemProperty[] = [];
      if (isService) {
        const durationTag = product.tags.find((t) => t.startsWith('duration-'));
        const duration = durationTag ? Number(durationTag.slice('duration-'.length)) : 60;
        const start = createdAt
          .setZone(shop.ianaTimezone)
          .plus({ days: random.int(1, 21) })
          .set({ hour: random.int(9, 18), minute: random.pick([0, 15, 30, 45]), second: 0, millisecond: 0 });
        appointmentCounter += 1;
        properties =
          appointmentCounter % 45 === 7
            ? [{ name: 'Date', value: 'next Tuesday-ish' }]
            : appointmentCounter % 45 === 30
              ? [{ name: 'When', value: 'after lunch, call first' }]
              : appointmentProperties(start, duration, appointmentCounter, random);
      }
      const discounted = lineIndex === 0 && random.chance(0.12);
      return {
        id: allocateId(shop),
        productId: product.id,
        variantId: variant.id,
        title: product.title,
        variantTitle: variant.title === 'Default Title' ? null : variant.title,
        sku: variant.sku,
        quantity,
        price: variant.price,
        totalDiscount: discounted ? Math.round((variant.price * quantity) / 10) : 0,
        giftCard: product.isGiftCard,
        properties,
      };
    });
    const statusRoll = random.next();
    const cancelled = statusRoll < 0.04;
    const financialStatus: FinancialStatus = cancelled
      ? 'voided'
      : statusRoll < 0.08
        ? 'refunded'
        : statusRoll < 0.1
          ? 'partially_refunded'
          : statusRoll < 0.12
            ? 'pending'
            : 'paid';
    const created = isoUtc(createdAt);
    const subtotal = lineItems.reduce((sum, line) => sum + line.price * line.quantity - line.totalDiscount, 0);
    const order: SimOrder = {
      id: allocateId(shop),
      number: 1001 + index,
      createdAt: created,
      updatedAt: created,
      processedAt: created,
      currency: shop.currencyCode,
      financialStatus,
      fulfillmentStatus: financialStatus === 'paid' && random.chance(0.5) ? 'fulfilled' : null,
      cancelledAt: cancelled ? isoUtc(createdAt.plus({ hours: random.int(1, 48) })) : null,
      cancelReason: cancelled ? random.pick(['customer', 'declined', 'other'] as const) : null,
      customerId: customer?.id ?? null,
      email: customer?.email ?? `guest${index}@example.org`,
      note: null,
      lineItems,
      // Dutch prices include 21 % VAT.
      totalTax: Math.round((subtotal * 21) / 121),
      shipping: lineItems.some((l) => l.productId !== null && retail.some((r) => r.id === l.productId)) && random.chance(0.5) ? 495 : 0,
      tip: random.chance(0.1) ? random.pick([200, 500]) : 0,
      // By index, not by the seeded random stream, so every other seeded value stays as it was.
      locationId: DEMO_LOCATIONS[index % 5 === 3 ? 1 : index % 7 === 6 ? 2 : 0]!.id,
      test: false,
      refunds: [],
      metafields: [],
    };
    if (financialStatus === 'refunded' || financialStatus === 'partially_refunded') {
      const refunded = financialStatus === 'refunded' ? lineItems : lineItems.slice(0, 1);
      order.refunds.push({
        id: allocateId(shop),
        createdAt: isoUtc(createdAt.plus({ days: random.int(1, 5) })),
        lineItems: refunded.map((line) => ({
          id: allocateId(shop),
          lineItemId: line.id,
          quantity: line.quantity,
          subtotal: line.price * line.quantity - line.totalDiscount,
        })),
      });
      order.updatedAt = order.refunds[0]!.createdAt;
    }
    if (order.cancelledAt) order.updatedAt = order.cancelledAt;
    return order;
  });
}

/** Fills `shop` (replacing its catalogue, customers and orders) and returns it. */
export function seedDemoShop(shop: ShopState, options: SeedDemoShopOptions = {}): ShopState {
  const random = createSeededRandom(SEED);
  const now = DateTime.fromJSDate(options.now ?? new Date(), { zone: 'utc' });
  shop.nextId = 1_000_000_001;
  shop.products = createProducts(shop, now);
  shop.customers = createCustomers(shop, random, now);
  shop.orders = createOrders(shop, shop.products, shop.customers, random, now);
  shop.giftCards = [];
  shop.storeCreditAccounts = [];
  shop.locations = createLocations(now);
  return shop;
}
