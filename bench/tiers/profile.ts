// --profile: wraps the SQL port so each statement shape's calls, rows and wall time are summed,
// and the time spent outside SQL (the domain maths, encoding) is the remainder of the phase. With two
// pages in flight (PostgreSQL) statements overlap, so their seconds add up to more than the phase.
// Process CPU is this process's (SQLite's work included; the PostgreSQL server's not).
import type { Sql, SqlDatabase } from "../../app/db/sql.server";

interface Tally {
  calls: number;
  rows: number;
  ms: number;
  cpuMs: number;
}

export function profiled(db: SqlDatabase): {
  sql: SqlDatabase;
  report(total: number): string;
  reset(): void;
} {
  let tallies = new Map<string, Tally>();
  const shape = (text: string) =>
    text
      .replace(/\s+/g, " ")
      .replace(/(\(\?(::\w+(\(\d\))?)?(, \?(::\w+(\(\d\))?)?)*\)(, )?)+/g, "(…) ")
      .replace(/\?(, \?)+/g, "…")
      .slice(0, 90);
  const time = async <T>(
    text: string,
    work: () => Promise<T>,
    count: (result: T) => number,
  ): Promise<T> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await work();
    const used = process.cpuUsage(cpu);
    const key = shape(text);
    const tally = tallies.get(key) ?? { calls: 0, rows: 0, ms: 0, cpuMs: 0 };
    tally.cpuMs += (used.user + used.system) / 1000;
    tally.calls++;
    tally.rows += count(result);
    tally.ms += performance.now() - started;
    tallies.set(key, tally);
    return result;
  };
  const wrap = (inner: Sql): Sql => ({
    dialect: inner.dialect,
    rows: (text, params) =>
      time(
        text,
        () => inner.rows(text, params),
        (r) => r.length,
      ),
    run: (text, params) =>
      time(
        text,
        () => inner.run(text, params),
        (n) => n,
      ),
    // Timed with the statement it travels with on PostgreSQL; at once on SQLite.
    enqueue: (text, params) => inner.enqueue(text, params),
  });
  const sql: SqlDatabase = {
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    readTogether: (work) => db.readTogether((reads) => work(wrap(reads))),
    withTryLock: (name, work) => db.withTryLock(name, work),
    withPageCacheAtMost: (mib, work) => db.withPageCacheAtMost(mib, work),
    traffic: () => db.traffic(),
    close: () => db.close(),
  };
  return {
    sql,
    reset: () => (tallies = new Map()),
    report(totalSeconds: number) {
      const rows = [...tallies.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const inSql = rows.reduce((sum, [, t]) => sum + t.ms, 0);
      const lines = rows.map(
        ([key, t]) =>
          `  ${(t.ms / 1000).toFixed(2).padStart(7)} s (process CPU ${(t.cpuMs / 1000).toFixed(2).padStart(6)} s) ${String(t.calls).padStart(6)} calls ${String(t.rows).padStart(8)} rows  ${key}`,
      );
      lines.push(
        `  ${(totalSeconds - inSql / 1000).toFixed(2).padStart(7)} s outside SQL (domain, encoding, awaiting)`,
      );
      return lines.join("\n");
    },
  };
}
