// The SQL port on PostgreSQL: a pg pool; each transaction on one client, READ COMMITTED, with row
// locks taken by its first writes. Deadlocks and serialization failures are retried whole.
import pg from "pg";
import { isPlanStable, type Sql, type SqlDatabase, type SqlTraffic } from "./sql.server";

const RETRYABLE = new Set(["40001", "40P01"]);
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;

// Prisma stores DateTime as UTC in `timestamp(3)` columns; read them back as UTC whatever TZ is.
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function encode(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

interface Prepared {
  text: string;
  /** Set when the statement is named: pg parses it once per connection and reuses it. */
  name?: string;
}

/**
 * Which statements are named prepared statements (docs/decisions/060): those marked planStable()
 * (the default), none, or every cached statement (decision 051's measuring switch).
 */
export type NamedStatements = "plan-stable" | "none" | "all";

/** TALLY_PG_NAMED_STATEMENTS: unset or "plan-stable", "0"/"none", "1"/"all". */
export function namedStatementsSetting(value: string | undefined): NamedStatements {
  if (value === undefined || value === "" || value === "plan-stable") return "plan-stable";
  if (value === "0" || value === "none") return "none";
  if (value === "1" || value === "all") return "all";
  throw new Error(
    `TALLY_PG_NAMED_STATEMENTS must be plan-stable, none (0) or all (1), not ${value}`,
  );
}

type Send = (
  client: pg.Pool | pg.PoolClient,
  text: string,
  params: readonly unknown[],
) => Promise<pg.QueryResult>;

/** How one database's statements go out: `?` turned into `$n` once per text, named or not. */
function statementSender(named: NamedStatements): Send {
  const cache = new Map<string, Prepared>();
  function prepared(text: string): Prepared {
    let statement = cache.get(text);
    if (statement === undefined) {
      let index = 0;
      statement = { text: text.replace(/\?/g, () => `$${++index}`) };
      // Bulk statements (a VALUES list per page) differ by row count: caching them would grow forever.
      if (text.length <= 4000) {
        if (named === "all" || (named === "plan-stable" && isPlanStable(text)))
          statement.name = `tally_${cache.size}`;
        cache.set(text, statement);
      }
    }
    return statement;
  }
  return (client, text, params) => client.query({ ...prepared(text), values: params.map(encode) });
}

const OUTSIDE_A_TRANSACTION =
  "enqueue() needs a transaction: outside one nothing would report its failure";

function poolExecutor(pool: pg.Pool, send: Send, traffic: SqlTraffic): Sql {
  const query = (text: string, params: readonly unknown[]) => {
    traffic.roundTrips++;
    traffic.statements++;
    return send(pool, text, params);
  };
  return {
    dialect: "postgresql",
    rows: async <T>(text: string, params: readonly unknown[] = []) =>
      (await query(text, params)).rows as T[],
    run: async (text: string, params: readonly unknown[] = []) =>
      (await query(text, params)).rowCount ?? 0,
    enqueue() {
      throw new Error(OUTSIDE_A_TRANSACTION);
    },
  };
}

/**
 * Statements on one pipelined connection: each is written at once, so statements sent together
 * (enqueued writes, Promise.all reads, BEGIN) share one round trip. The server answers in order, so
 * when an awaited statement returns, every statement sent before it has finished; the first failure
 * among them is what that statement (or the COMMIT) reports. Outside a transaction (`readTogether`)
 * nothing could report an enqueued write's failure, so `enqueue` is refused there.
 */
function pipelinedExecutor(
  client: pg.PoolClient,
  send: Send,
  traffic: SqlTraffic,
  inTransaction: boolean,
) {
  let inFlight = 0;
  let failure: unknown = null;
  // The server answers in order: once the last statement sent is answered, all are.
  let lastAnswer: Promise<unknown> = Promise.resolve();
  const submit = (text: string, params: readonly unknown[]) => {
    if (inFlight === 0) traffic.roundTrips++;
    traffic.statements++;
    inFlight++;
    const answer = send(client, text, params).finally(() => inFlight--);
    lastAnswer = answer.catch(() => undefined);
    return answer;
  };
  const awaited = async (text: string, params: readonly unknown[]) => {
    try {
      const result = await submit(text, params);
      if (failure) throw failure;
      return result;
    } catch (error) {
      throw failure ?? error;
    }
  };
  const sql: Sql = {
    dialect: "postgresql",
    rows: async <T>(text: string, params: readonly unknown[] = []) =>
      (await awaited(text, params)).rows as T[],
    run: async (text: string, params: readonly unknown[] = []) =>
      (await awaited(text, params)).rowCount ?? 0,
    enqueue(text, params = []) {
      if (!inTransaction) throw new Error(OUTSIDE_A_TRANSACTION);
      submit(text, params).catch((error: unknown) => {
        failure ??= error;
      });
    },
  };
  return {
    sql,
    /** COMMIT, with every enqueued write before it; a failed one rolled the transaction back. */
    commit: () => awaited("COMMIT", []),
    rollback: () => submit("ROLLBACK", []),
    /** Resolves once every statement sent has been answered (its own failure is its caller's). */
    settled: () => lastAnswer,
  };
}

export interface PostgresOptions {
  maxConnections?: number;
  /** Which statements are named (docs/decisions/060); read when the database is opened. */
  namedStatements?: NamedStatements;
}

export function openPostgres(
  url: string,
  {
    maxConnections = 10,
    namedStatements = namedStatementsSetting(process.env.TALLY_PG_NAMED_STATEMENTS),
  }: PostgresOptions = {},
): SqlDatabase {
  const send = statementSender(namedStatements);
  // Pipelined connections: a statement is written without waiting for the answers before it.
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types, pipeline: true });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  const traffic: SqlTraffic = { roundTrips: 0, statements: 0 };
  return {
    ...poolExecutor(pool, send, traffic),
    traffic: () => ({ ...traffic }),
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        const tx = pipelinedExecutor(client, send, traffic, true);
        try {
          // Not waited for: BEGIN travels with the transaction's first statement.
          tx.sql.enqueue("BEGIN");
          const result = await work(tx.sql);
          await tx.commit();
          return result;
        } catch (error) {
          await tx.rollback().catch(() => undefined);
          if (attempt >= 5 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
        } finally {
          client.release();
        }
      }
    },
    async readTogether<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const reads = pipelinedExecutor(client, send, traffic, false);
      try {
        return await work(reads.sql);
      } finally {
        // A read `work` abandoned (it threw first) must finish before the client serves another caller.
        await reads.settled();
        client.release();
      }
    },
    // The server's shared buffers, not this process's memory.
    withPageCacheAtMost: (_mib, work) => work(),
    async withTryLock(name, work) {
      // The lock belongs to this connection's session, so it is held on one client for the whole
      // run and released on it; a crashed instance's session ends and frees the lock.
      const client = await pool.connect();
      let release = true;
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
          [name],
        );
        if (!rows[0].locked) return { acquired: false as const };
        try {
          return { acquired: true as const, result: await work() };
        } finally {
          await client
            .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [name])
            .catch(() => {
              release = false; // a broken connection: destroy it rather than return it holding the lock
            });
        }
      } finally {
        client.release(release ? undefined : true);
      }
    },
    close: () => pool.end(),
  };
}
