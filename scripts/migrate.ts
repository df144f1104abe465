// `npm run db:migrate`: applies pending migrations to DATABASE_URL (default: the embedded SQLite file).
import { migrateDatabase } from "../app/db/migrate.server";
import { DEFAULT_DATABASE_URL } from "../app/config/defaults";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const applied = await migrateDatabase(url);
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
    : "Database is up to date.",
);
