// Turns a DATABASE_URL into what each driver needs. PostgreSQL URLs may carry Prisma's `?schema=` parameter,
// which pg does not understand: it becomes the search_path (for raw SQL) and the adapter's schema.
export interface PostgresSettings {
  connectionString: string;
  schema: string;
}

export function postgresSettingsFrom(url: string): PostgresSettings {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`DATABASE_URL schema "${schema}" is not a plain identifier`);
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

export function sqliteFileFrom(url: string): string {
  const file = url.replace(/^file:/, '');
  if (!file) throw new Error('DATABASE_URL file: path is empty');
  return file;
}
