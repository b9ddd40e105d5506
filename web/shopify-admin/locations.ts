import type { LocationItem } from '../core/locations/save-locations';
import type { AdminGraphqlClient } from './admin-graphql-client';

// Deactivated locations too: their old orders still need a name. Needs the read_locations scope.
export const LOCATIONS_PAGE_QUERY = `#graphql
  query LocationsPage($first: Int!, $after: String) {
    locations(first: $first, after: $after, includeInactive: true, sortKey: NAME) {
      nodes {
        id
        name
        isActive
        updatedAt
        address {
          city
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface LocationsPageData {
  locations: {
    nodes: Array<{ id: string; name: string; isActive: boolean; updatedAt: string; address: { city: string | null } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** Every location of the shop, page by page (a shop has a handful; 100 per page costs little). */
export async function fetchAllLocations(client: AdminGraphqlClient, shop: string, accessToken: string): Promise<LocationItem[]> {
  const locations: LocationItem[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { data: LocationsPageData } = await client.request<LocationsPageData>(shop, accessToken, LOCATIONS_PAGE_QUERY, { first: 100, after });
    for (const node of page.data.locations.nodes) {
      locations.push({ id: node.id, name: node.name, city: node.address.city ?? '', active: node.isActive, updatedAt: new Date(node.updatedAt) });
    }
    if (!page.data.locations.pageInfo.hasNextPage) return locations;
    after = page.data.locations.pageInfo.endCursor;
  }
}
