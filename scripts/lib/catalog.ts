// A normalised description of a database's tables, columns, indexes and foreign keys, so two
// databases built different ways (migrations vs. the Prisma models) can be compared exactly.
import Database from "better-sqlite3";
import pg from "pg";

export type Catalog = string[];

export function sqliteCatalog(file: string): Catalog {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      )
      .all() as { name: string }[];
    const lines: string[] = [];
    for (const { name } of tables) {
      for (const c of db.prepare(`PRAGMA table_info("${name}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]) {
        lines.push(
          `column ${name}.${c.name} ${c.type} notnull=${c.notnull} default=${c.dflt_value} pk=${c.pk}`,
        );
      }
      for (const i of db.prepare(`PRAGMA index_list("${name}")`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[]) {
        const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[])
          .map((c) => c.name)
          .join(",");
        lines.push(
          `index ${name}.${i.origin === "pk" ? "(pk)" : i.name} unique=${i.unique} partial=${i.partial} (${cols})`,
        );
      }
      for (const f of db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as {
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }[]) {
        lines.push(
          `fk ${name}.${f.from} -> ${f.table}.${f.to} update=${f.on_update} delete=${f.on_delete}`,
        );
      }
    }
    return lines.sort();
  } finally {
    db.close();
  }
}

export async function postgresCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns =
      await client.query(`SELECT table_name, column_name, data_type, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const indexes = await client.query(
      `SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    // Constraint triggers (contype 't': ProgramTotals', decision 052) live in migrations only: Prisma
    // models no triggers.
    const constraints =
      await client.query(`SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
      AND contype <> 't'`);
    return [
      ...columns.rows.map(
        (c) =>
          `column ${c.table_name}.${c.column_name} ${c.data_type} nullable=${c.is_nullable} default=${c.column_default}`,
      ),
      ...indexes.rows.map((i) => `index ${i.tablename} ${i.indexdef}`),
      ...constraints.rows.map((c) => `constraint ${c.table_name}.${c.conname} ${c.def}`),
    ].sort();
  } finally {
    await client.end();
  }
}

export function catalogDifferences(fromMigrations: Catalog, fromModels: Catalog): string[] {
  const a = new Set(fromMigrations);
  const b = new Set(fromModels);
  return [
    ...fromMigrations.filter((line) => !b.has(line)).map((line) => `  only in migrations: ${line}`),
    ...fromModels.filter((line) => !a.has(line)).map((line) => `  only in models:     ${line}`),
  ];
}
