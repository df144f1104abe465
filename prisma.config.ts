// Lets the Prisma CLI run offline: the bundled WebAssembly schema engine talks to SQLite through a
// driver adapter instead of downloading the native engine. See docs/decisions/002.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({
      url: process.env.PRISMA_CLI_SQLITE_URL ?? "file:./prisma/cli.sqlite",
    });
  },
});
