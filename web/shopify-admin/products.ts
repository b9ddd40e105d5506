import type { CatalogItem } from '../core/catalog/save-catalog';
import type { AdminGraphqlClient } from './admin-graphql-client';

export const PRODUCTS_PAGE_QUERY = `#graphql
  query ProductsPage($first: Int!, $after: String) {
    products(first: $first, after: $after) {
      nodes {
        id
        title
        productType
        vendor
        status
        isGiftCard
        tags
        variants(first: 25) {
          nodes {
            id
            title
            price
            sku
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The products query returns exactly what the catalogue stores. */
export type CatalogProduct = CatalogItem;

interface ProductsPageData {
  products: {
    nodes: Array<Omit<CatalogProduct, 'variants'> & { variants: { nodes: CatalogProduct['variants'] } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * Reads the whole catalogue, page by page (the client waits out throttling between pages). Pages are
 * sized to stay well under the 1,000-point single-query cost limit: 20 products x 25 variants.
 */
export async function fetchAllProducts(client: AdminGraphqlClient, shop: string, accessToken: string): Promise<CatalogProduct[]> {
  const products: CatalogProduct[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { data: ProductsPageData } = await client.request<ProductsPageData>(shop, accessToken, PRODUCTS_PAGE_QUERY, { first: 20, after });
    for (const node of page.data.products.nodes) products.push({ ...node, variants: node.variants.nodes });
    if (!page.data.products.pageInfo.hasNextPage) return products;
    after = page.data.products.pageInfo.endCursor;
  }
}
