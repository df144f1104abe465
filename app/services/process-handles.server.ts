// Routes never hold a database handle (issue 23: routes call services only, never SQL; the lint
// rule on app/routes/** keeps it so). A route calls a service bound here to the process's handles;
// services keep taking their handles as arguments, so tests and jobs pass their own.
import { getDb, getSql, type Db } from "../db.server";
import type { Sql, SqlDatabase } from "../db/sql.server";
import { shopContext, type ShopContext } from "../models/program.server";

/** A failure the database may not repeat (busy, connection lost): the page offers to try again. */
export { isTransientFailure } from "../db/transient-failure";

/** `service(sql, ...args)` on the process's SQL port. */
export const withSql =
  <A extends unknown[], R>(service: (sql: SqlDatabase, ...args: A) => R) =>
  (...args: A): R =>
    service(getSql(), ...args);

/** `service(db, ...args)` on the process's Prisma client. */
export const withDb =
  <A extends unknown[], R>(service: (db: Db, ...args: A) => R) =>
  (...args: A): R =>
    service(getDb(), ...args);

/** `service(db, sql, ...args)` on both. */
export const withDbAndSql =
  <A extends unknown[], R>(service: (db: Db, sql: SqlDatabase, ...args: A) => R) =>
  (...args: A): R =>
    service(getDb(), getSql(), ...args);

/** `service(tx, ...args)` in one transaction of the process's SQL port. */
export const inSqlTransaction =
  <A extends unknown[], R>(service: (tx: Sql, ...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    getSql().transaction((tx) => service(tx, ...args));

/** The shop's program context; null when the shop has no Tally program (not installed). */
export const installedShop = (shop: string): Promise<ShopContext | null> =>
  shopContext(getSql(), shop);

/** Whether the database answers (GET /healthz). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
