// The SQLite port's group commit: transactions that arrive together share one COMMIT, yet each is
// still all-or-nothing and none is reported done before its COMMIT has run.
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqlite, type SqliteDatabase } from "./sql-sqlite.server";

let file: string;
let sql: SqliteDatabase;
let observer: Database.Database;

beforeEach(async () => {
  file = join(mkdtempSync(join(tmpdir(), "tally-group-commit-")), "db.sqlite");
  sql = openSqlite(`file:${file}`);
  await sql.run("CREATE TABLE item (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE)");
  // A second connection sees only what was committed.
  observer = new Database(file, { readonly: true });
});

afterEach(async () => {
  observer.close();
  await sql.close();
});

const committedLabels = () =>
  (observer.prepare("SELECT label FROM item ORDER BY id").all() as { label: string }[]).map(
    (row) => row.label,
  );

const insert = (label: string) =>
  sql.transaction(async (tx) => {
    await tx.run("INSERT INTO item (label) VALUES (?)", [label]);
    return label;
  });

describe("group commit on SQLite", () => {
  it("commits a burst of transactions, each visible to another connection once its promise resolves", async () => {
    const labels = Array.from({ length: 100 }, (_, index) => `item-${index}`);
    const seenAtResolution: number[] = [];
    await Promise.all(
      labels.map((label) =>
        insert(label).then(() => seenAtResolution.push(committedLabels().includes(label) ? 1 : 0)),
      ),
    );
    expect(committedLabels()).toEqual(labels);
    expect(seenAtResolution.every((seen) => seen === 1)).toBe(true);
    // Arriving together, they shared commits (at most 32 per group).
    expect(sql.commits()).toBeLessThanOrEqual(Math.ceil(labels.length / 32) + 1);
  });

  it("rolls back only the transaction that failed, with its own error, even in the middle of a group", async () => {
    const results = await Promise.allSettled([
      insert("a"),
      sql.transaction(async (tx) => {
        await tx.run("INSERT INTO item (label) VALUES (?)", ["half-written"]);
        throw new Error("refused after a write");
      }),
      insert("b"),
      insert("a"), // unique violation: only this one fails
      insert("c"),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe("refused after a write");
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committedLabels()).toEqual(["a", "b", "c"]);
  });

  it("keeps working after a lone transaction fails", async () => {
    await expect(sql.transaction(async () => Promise.reject(new Error("nope")))).rejects.toThrow(
      "nope",
    );
    await insert("after");
    expect(committedLabels()).toEqual(["after"]);
  });

  it("runs statements outside transactions in between groups", async () => {
    const [first, count, second] = await Promise.all([
      insert("x"),
      sql.rows<{ n: number }>("SELECT COUNT(*) AS n FROM item"),
      insert("y"),
    ]);
    expect([first, second]).toEqual(["x", "y"]);
    expect(count[0].n).toBeGreaterThanOrEqual(0);
    expect(committedLabels()).toEqual(["x", "y"]);
  });
});
