// The tag-change document is built per batch (one aliased field per change): it must validate against
// Shopify's 2026-07 Admin schema for any batch size.
import { parse, validate } from 'graphql';
import { tagOperationsDocument } from '../../../web/shopify-admin/customer-tags';
import { loadAdminSchema, resolveSchemaPath } from '../../simulator/load-admin-schema';

describe('customer tag change document', () => {
  it('validates against the 2026-07 schema with adds and removes mixed', () => {
    const { schema } = loadAdminSchema(resolveSchemaPath());
    const document = tagOperationsDocument([
      { customerId: 'gid://shopify/Customer/1', field: 'tagsAdd', tags: ['loyalty-gold'] },
      { customerId: 'gid://shopify/Customer/1', field: 'tagsRemove', tags: ['loyalty-silver'] },
      { customerId: 'gid://shopify/Customer/2', field: 'tagsAdd', tags: ['loyalty-gold'] },
    ]);
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
    expect(document.match(/tagsAdd\(/g)).toHaveLength(2);
  });
});
