// The shop's locations (shops, salons, studios), as the Admin API's `locations` and `location` query
// fields serve them. Registered on the query root with one spread (query-root.ts). Tests read and change
// `shop.locations` directly, like the rest of the state; a shop without the field has no locations.
import { buildConnection, type ConnectionArgs } from './connection';
import { parseGid, toGid } from './gid';

/** The part of ShopState this file needs (shop-state.ts imports SimLocation from here, not the other way). */
interface ShopWithLocations {
  locations?: SimLocation[];
  nextId: number;
}

export interface SimLocation {
  id: number;
  name: string;
  isActive: boolean;
  address1: string | null;
  city: string | null;
  countryCode: string;
  zip: string | null;
  createdAt: string;
  updatedAt: string;
}

type Args = Record<string, unknown>;

export function locationsOf(shop: ShopWithLocations): SimLocation[] {
  shop.locations ??= [];
  return shop.locations;
}

export function addLocation(shop: ShopWithLocations, fields: Pick<SimLocation, 'name'> & Partial<Omit<SimLocation, 'name'>>): SimLocation {
  const now = new Date().toISOString();
  const location: SimLocation = {
    id: fields.id ?? shop.nextId++, isActive: true, address1: null, city: null, countryCode: 'NL', zip: null, createdAt: now, updatedAt: now, ...fields,
  };
  locationsOf(shop).push(location);
  return location;
}

export function locationView(location: SimLocation) {
  const formatted = [location.address1, [location.zip, location.city].filter(Boolean).join(' '), location.countryCode].filter((part): part is string => Boolean(part));
  return {
    __typename: 'Location',
    id: toGid('Location', location.id),
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: location.isActive,
    activatable: !location.isActive,
    deactivatable: location.isActive,
    deactivatedAt: location.isActive ? null : location.updatedAt,
    deletable: !location.isActive,
    fulfillsOnlineOrders: true,
    hasActiveInventory: false,
    isFulfillmentService: false,
    shipsInventory: true,
    createdAt: location.createdAt,
    updatedAt: location.updatedAt,
    address: {
      __typename: 'LocationAddress',
      address1: location.address1,
      address2: null,
      city: location.city,
      country: location.countryCode === 'NL' ? 'Netherlands' : location.countryCode,
      countryCode: location.countryCode,
      formatted,
      latitude: null,
      longitude: null,
      phone: null,
      province: null,
      provinceCode: null,
      zip: location.zip,
    },
  };
}

const sortKeys: Record<string, (a: SimLocation, b: SimLocation) => number> = {
  NAME: (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
  ID: (a, b) => a.id - b.id,
};

/** Root query fields: `locations` (active only unless includeInactive, sorted by name by default) and `location`. */
export function locationQueryFields(shop: ShopWithLocations): Record<string, (args: Args) => unknown> {
  return {
    locations: (args) => {
      const sort = sortKeys[typeof args.sortKey === 'string' ? args.sortKey : 'NAME'] ?? sortKeys.NAME!;
      const listed = locationsOf(shop).filter((location) => args.includeInactive === true || location.isActive).sort(sort);
      return buildConnection(listed, args as ConnectionArgs, (location) => location.id, locationView);
    },
    location: (args) => {
      const parsed = typeof args.id === 'string' ? parseGid(args.id, 'Location') : null;
      const found = parsed ? locationsOf(shop).find((location) => location.id === parsed.id) : locationsOf(shop)[0];
      return found ? locationView(found) : null;
    },
  };
}
