// The HTTP contract (web/contracts) is the one place the server, the admin UI and the extensions take
// their shapes and limits from. The shapes are checked by `npm run typecheck` (the server's builders
// return the contract's types); this file checks what the compiler cannot: that the contract pulls
// nothing into the bundles, that the extensions only borrow its types, and that the limits the admin
// forms read are exactly the ones the server's schemas enforce.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../support/import-graph';
import { BOOKING_PROPERTY_LIMITS, PRODUCT_LOYALTY_RANGES, PROGRAM_SETTING_RANGES, SPEND_TIER_LIMITS } from '../../../web/contracts/program-settings-ranges';
import { bookingPropertyConfigSchema } from '../../../web/core/earning/booking-property-config';
import { defaultProgramSettings, programSettingsSchema } from '../../../web/core/earning/program-settings-schema';
import { defaultProductLoyalty } from '../../../web/core/catalog/product-loyalty-store';
import { productLoyaltySchema } from '../../../web/core/earning/product-loyalty-schema';

const CONTRACTS = 'web/contracts';

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('node_modules'))
    .map((file) => path.posix.join(dir, file.split(path.sep).join('/')));
}

/** Every import and re-export of a file, with whether it is erased at build time. */
function importsOf(file: string): Array<{ specifier: string; typeOnly: boolean }> {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const out: Array<{ specifier: string; typeOnly: boolean }> = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const allNamedTypes = !!clause && !clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly);
      out.push({ specifier: statement.moduleSpecifier.text, typeOnly: !!clause?.isTypeOnly || allNamedTypes });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      out.push({ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  return out;
}

const resolvesInto = (file: string, specifier: string, dir: string) =>
  specifier.startsWith('.') && path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).startsWith(`${dir}/`);

describe('the HTTP contract module', () => {
  it('imports nothing but its own files, so no library reaches the admin or extension bundles', () => {
    const outside = sourcesUnder(CONTRACTS).flatMap((file) => importsOf(file).filter((i) => !resolvesInto(file, i.specifier, CONTRACTS)).map((i) => `${file}: ${i.specifier}`));
    expect(outside).toEqual([]);
  });

  it('is imported by the extensions for its types only (nothing of it is bundled into them)', () => {
    const valueImports = sourcesUnder('extension').flatMap((file) =>
      importsOf(file).filter((i) => resolvesInto(file, i.specifier, CONTRACTS) && !i.typeOnly).map((i) => `${file}: ${i.specifier}`));
    expect(valueImports).toEqual([]);
  });

  it('has replaced the hand-kept copies of the API types', () => {
    expect(fs.existsSync(path.join(repoRoot, 'extension/shared/loyalty-types.ts'))).toBe(false);
    expect(fs.existsSync(path.join(repoRoot, 'web/frontend/src/lib/api-types.ts'))).toBe(false);
  });
});

describe('the settings limits the admin forms read are the ones the server enforces', () => {
  const settings = (change: object) => programSettingsSchema.safeParse({ ...defaultProgramSettings, ...change }).success;

  it.each(Object.entries(PROGRAM_SETTING_RANGES))('%s accepts exactly its range', (field, range) => {
    expect([settings({ [field]: range.min - 1 }), settings({ [field]: range.min }), settings({ [field]: range.max }), settings({ [field]: range.max + 1 })]).toEqual([false, true, true, false]);
  });

  it('spend tiers: the table length and the rate per tier', () => {
    const tiers = (count: number, basisPoints = 100) => Array.from({ length: count }, (_, i) => ({ fromMinor: i * 100, basisPoints }));
    const { maxTiers, basisPoints } = SPEND_TIER_LIMITS;
    expect([settings({ spendTiers: tiers(maxTiers) }), settings({ spendTiers: tiers(maxTiers + 1) })]).toEqual([true, false]);
    expect([basisPoints.min - 1, basisPoints.min, basisPoints.max, basisPoints.max + 1].map((value) => settings({ spendTiers: tiers(1, value) }))).toEqual([false, true, true, false]);
  });

  it('booking property names and format', () => {
    const config = (change: object) => bookingPropertyConfigSchema.safeParse(change).success;
    const { maxKeysPerRole, maxKeyLength, maxFormatLength } = BOOKING_PROPERTY_LIMITS;
    expect([config({ startKeys: Array(maxKeysPerRole).fill('k') }), config({ startKeys: Array(maxKeysPerRole + 1).fill('k') })]).toEqual([true, false]);
    expect([config({ dateKeys: ['k'.repeat(maxKeyLength)] }), config({ dateKeys: ['k'.repeat(maxKeyLength + 1)] })]).toEqual([true, false]);
    expect([config({ format: 'd'.repeat(maxFormatLength) }), config({ format: 'd'.repeat(maxFormatLength + 1) })]).toEqual([true, false]);
  });

  it.each(Object.entries(PRODUCT_LOYALTY_RANGES))('product loyalty %s accepts exactly its range', (field, range) => {
    const loyalty = (value: number) => productLoyaltySchema.safeParse({ ...defaultProductLoyalty, [field]: value }).success;
    expect([loyalty(range.min - 1), loyalty(range.min), loyalty(range.max), loyalty(range.max + 1)]).toEqual([false, true, true, false]);
  });
});
