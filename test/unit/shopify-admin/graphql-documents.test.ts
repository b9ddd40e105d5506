// Every GraphQL document in web/shopify-admin/ must validate against Shopify's real 2026-07 Admin
// schema (test/simulator/shopify-contract/, or SHOPIFY_SCHEMA_PATH).
import fs from 'node:fs';
import path from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { loadAdminSchema, resolveSchemaPath } from '../../simulator/load-admin-schema';

const repoRoot = path.resolve(__dirname, '../../..');
const adminDir = path.join(repoRoot, 'web/shopify-admin');

function collectDocuments(): Array<{ file: string; name: string; document: string }> {
  const documents: Array<{ file: string; name: string; document: string }> = [];
  for (const file of fs.readdirSync(adminDir).filter((name) => name.endsWith('.ts')).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(adminDir, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'string' && value.trimStart().startsWith('#graphql')) documents.push({ file, name, document: value });
    }
  }
  return documents;
}

describe('Admin GraphQL documents', () => {
  let schema: GraphQLSchema;
  const documents = collectDocuments();

  beforeAll(() => {
    schema = loadAdminSchema(resolveSchemaPath()).schema;
  });

  it('finds the documents (gift cards, store credit, products, shop)', () => {
    const names = documents.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['GIFT_CARD_CREATE_MUTATION', 'GIFT_CARDS_BY_NOTE_QUERY', 'GIFT_CARD_DEACTIVATE_MUTATION', 'GIFT_CARD_CONFIGURATION_QUERY', 'STORE_CREDIT_ACCOUNT_CREDIT_MUTATION', 'STORE_CREDIT_CREDITS_QUERY', 'PRODUCTS_PAGE_QUERY', 'SHOP_DETAILS_QUERY']));
  });

  it.each(documents.map((d) => [`${d.file} ${d.name}`, d.document]))('%s validates against the 2026-07 schema', (_label, document) => {
    const errors = validate(schema, parse(document));
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it('creates gift cards with the 2026-07 initialAmount, not the deprecated initialValue', () => {
    const create = documents.find((d) => d.name === 'GIFT_CARD_CREATE_MUTATION')!.document;
    expect(create).not.toMatch(/initialValue/);
    expect(schema.getType('GiftCardCreateInput')!.toString()).toBe('GiftCardCreateInput');
  });
});
