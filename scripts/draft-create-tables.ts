// Drafts CREATE TABLE statements for the given models from the Prisma data model, for one provider.
// Prisma's own migration engine cannot run offline here, so new migrations are drafted with this,
// reviewed, and saved by hand; test/integration/schema-drift.test.ts proves the result matches.
// Usage: npx tsx scripts/draft-create-tables.ts sqlite|postgresql [Model ...]
import fs from 'node:fs';
import path from 'node:path';
import * as internals from '@prisma/internals';

type Provider = 'sqlite' | 'postgresql';
type DmmfField = {
  name: string; kind: string; type: string; isRequired: boolean; isId: boolean; isUnique: boolean;
  hasDefaultValue: boolean; default?: unknown; isUpdatedAt: boolean; isList: boolean;
  relationFromFields?: string[]; relationToFields?: string[]; relationOnDelete?: string;
};
type DmmfModel = { name: string; fields: DmmfField[]; uniqueFields: string[][]; primaryKey: null | { fields: string[] } };
type DmmfIndex = { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: Array<{ name: string }> };

const columnTypes: Record<Provider, Record<string, string>> = {
  sqlite: { String: 'TEXT', Int: 'INTEGER', Boolean: 'BOOLEAN', DateTime: 'DATETIME', BigInt: 'BIGINT', Float: 'REAL' },
  postgresql: { String: 'TEXT', Int: 'INTEGER', Boolean: 'BOOLEAN', DateTime: 'TIMESTAMP(3)', BigInt: 'BIGINT', Float: 'DOUBLE PRECISION' },
};

function renderDefault(field: DmmfField, provider: Provider): string {
  if (!field.hasDefaultValue || field.default === undefined) return '';
  const value = field.default as unknown;
  if (typeof value === 'object' && value !== null && 'name' in value) {
    return (value as { name: string }).name === 'now' ? ' DEFAULT CURRENT_TIMESTAMP' : '';
  }
  if (typeof value === 'string') return ` DEFAULT '${value.replace(/'/g, "''")}'`;
  if (typeof value === 'boolean') return provider === 'sqlite' ? ` DEFAULT ${value ? 1 : 0}` : ` DEFAULT ${value}`;
  return ` DEFAULT ${String(value)}`;
}

export function renderCreateTables(datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] }, provider: Provider, only: string[]): string {
  const q = (name: string) => `"${name}"`;
  const out: string[] = [];
  for (const model of datamodel.models.filter((m) => only.length === 0 || only.includes(m.name))) {
    const scalarFields = model.fields.filter((f) => f.kind === 'scalar');
    const lines = scalarFields.map((f) => {
      const type = columnTypes[provider][f.type];
      if (!type) throw new Error(`no column type for ${model.name}.${f.name}: ${f.type}`);
      const notNull = f.isRequired ? ' NOT NULL' : '';
      const pk = provider === 'sqlite' && f.isId ? ' PRIMARY KEY' : '';
      return `    ${q(f.name)} ${type}${notNull}${pk}${renderDefault(f, provider)}`;
    });
    const idField = scalarFields.find((f) => f.isId);
    if (provider === 'postgresql' && idField) lines.push(`\n    CONSTRAINT ${q(`${model.name}_pkey`)} PRIMARY KEY (${q(idField.name)})`);
    for (const relation of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
      const from = relation.relationFromFields!.map(q).join(', ');
      const to = relation.relationToFields!.map(q).join(', ');
      const onDelete = (relation.relationOnDelete ?? (relation.isRequired ? 'Restrict' : 'SetNull'))
        .replace('SetNull', 'SET NULL').replace('Cascade', 'CASCADE').replace('Restrict', 'RESTRICT');
      const name = `${model.name}_${relation.relationFromFields!.join('_')}_fkey`;
      if (provider === 'sqlite') {
        lines.push(`    CONSTRAINT ${q(name)} FOREIGN KEY (${from}) REFERENCES ${q(relation.type)} (${to}) ON DELETE ${onDelete} ON UPDATE CASCADE`);
      }
    }
    out.push(`-- CreateTable\nCREATE TABLE ${q(model.name)} (\n${lines.join(',\n')}\n);\n`);
  }
  for (const index of datamodel.indexes.filter((i) => (only.length === 0 || only.includes(i.model)) && i.type !== 'id')) {
    const fields = index.fields.map((f) => f.name);
    const suffix = index.type === 'unique' ? 'key' : 'idx';
    const unique = index.type === 'unique' ? 'UNIQUE ' : '';
    out.push(`-- CreateIndex\nCREATE ${unique}INDEX ${q(`${index.model}_${fields.join('_')}_${suffix}`)} ON ${q(index.model)}(${fields.map(q).join(', ')});\n`);
  }
  if (provider === 'postgresql') {
    for (const model of datamodel.models.filter((m) => only.length === 0 || only.includes(m.name))) {
      for (const relation of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
        const onDelete = (relation.relationOnDelete ?? (relation.isRequired ? 'Restrict' : 'SetNull'))
          .replace('SetNull', 'SET NULL').replace('Cascade', 'CASCADE').replace('Restrict', 'RESTRICT');
        const name = `${model.name}_${relation.relationFromFields!.join('_')}_fkey`;
        out.push(`-- AddForeignKey\nALTER TABLE ${q(model.name)} ADD CONSTRAINT ${q(name)} FOREIGN KEY (${relation.relationFromFields!.map(q).join(', ')}) REFERENCES ${q(relation.type)}(${relation.relationToFields!.map(q).join(', ')}) ON DELETE ${onDelete} ON UPDATE CASCADE;\n`);
      }
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const [provider, ...models] = process.argv.slice(2);
  if (provider !== 'sqlite' && provider !== 'postgresql') throw new Error('usage: draft-create-tables.ts sqlite|postgresql [Model ...]');
  const datamodel = fs.readFileSync(path.resolve(__dirname, '../prisma/schema.prisma'), 'utf8');
  const dmmf = await internals.getDMMF({ datamodel });
  process.stdout.write(renderCreateTables(dmmf.datamodel as never, provider, models));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
