// Migrates a template PostgreSQL database once per run; each test file gets a clone of it.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../app/db/migrate.server";
import { databaseUrlFor } from "./postgres-urls";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const server = process.env.TEST_DATABASE_URL!;
  const template = `tally_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await migrateDatabase(databaseUrlFor(server, template));
  project.provide("postgresTemplate", template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
  };
}
