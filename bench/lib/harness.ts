// What the benchmarks need around the app: a fresh database per kind, a free port, the production
// server as a child process in local-demo mode (bench/redemption), the server's own per-request
// times (morgan), percentiles, CPU accounting and the machine description for bench/RESULTS.md.
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { demoEnv } from "../../scripts/demo/demo-env";

export type Kind = "sqlite" | "postgresql";

// Prisma stores DateTime as UTC in `timestamp(3)` columns: read them back as UTC whatever TZ is (as the app does).
const utcTimestamps = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === 1114
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// ---------------------------------------------------------------------------------------------
// Databases

export interface BenchDatabase {
  kind: Kind;
  url: string;
  /** Read-only queries with `?` placeholders, for the checks. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  version(): Promise<string>;
  drop(): Promise<void>;
}

export async function createDatabase(
  kind: Kind,
  /** keep: reuse the database a previous run left, if any (--keep-seed, --keep-db). */
  options: { work: string; tag: string; pgAdminUrl: string; keep?: boolean },
): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const file = join(options.work, "bench.sqlite");
    if (!options.keep)
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    const query = async <T>(sql: string, params: unknown[] = []) => {
      const db = new Database(file, { readonly: true, timeout: 10_000 });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    };
    return {
      kind,
      url: `file:${file}`,
      query,
      version: async () =>
        `SQLite ${(await query<{ v: string }>("SELECT sqlite_version() AS v"))[0].v}`,
      async drop() {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const admin = new URL(options.pgAdminUrl);
  const name = `tally_bench_${options.tag}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  // keep: a database of that name is reused as it is (seeded once, measured many times).
  const exists =
    options.keep &&
    (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
  if (!exists) {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  }
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  const query = async <T>(sql: string, params: unknown[] = []) => {
    const connection = new pg.Client({ connectionString: url.toString(), types: utcTimestamps });
    await connection.connect();
    try {
      let n = 0;
      return (
        await connection.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } finally {
      await connection.end();
    }
  };
  return {
    kind,
    url: url.toString(),
    query,
    version: async () =>
      `PostgreSQL ${(await query<{ v: string }>("SELECT current_setting('server_version') AS v"))[0].v}`,
    async drop() {
      const dropper = new pg.Client({ connectionString: admin.toString() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The server

/** A port nothing listens on: any, or the first free one of BENCH_PORTS ("3141-3150") when set. */
export async function freePort(): Promise<number> {
  const range = process.env.BENCH_PORTS?.match(/^(\d+)-(\d+)$/);
  if (!range) return listenable(0);
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    const free = await listenable(port).catch(() => null);
    if (free !== null) return free;
  }
  throw new Error(`no free port in BENCH_PORTS ${process.env.BENCH_PORTS}`);
}

function listenable(port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * scripts/demo/admin-api-server.ts as a child process (`port` 0: any free one): the app's Admin API
 * calls leave the app, as they would for Shopify, and its state outlives any one app instance — every
 * DemoServer given `TALLY_LOCAL_ADMIN_API_URL: url` shares it, through restarts.
 */
export async function startStandinServer(
  root: string,
  port?: number,
): Promise<{ url: string; stop: () => void }> {
  // Unless told, the first free port of BENCH_PORTS when that is set (shared machines), else any.
  const listenOn = port ?? (await freePort());
  const child = fork(join(root, "scripts/demo/admin-api-server.ts"), ["--port", String(listenOn)], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolveStart, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const started = /Admin API stand-in on (http:\/\/127\.0\.0\.1:\d+)/.exec(
        chunk.toString(),
      )?.[1];
      if (started) resolveStart(started);
    });
    child.once("exit", (code) =>
      reject(new Error(`the Admin API stand-in server exited (${code})`)),
    );
  });
  return { url, stop: () => void child.kill("SIGTERM") };
}

/** remix-serve on a build, in local-demo mode (Admin API answered in-process by the stand-in). */
export class DemoServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly url: string;
  readonly env: ReturnType<typeof demoEnv>;
  readonly outLog: string;
  readonly errLog: string;
  /** Variables set on top of the demo environment (bench/cluster turns the background jobs on). */
  extraEnv: Record<string, string> = {};
  /** How long `start` waits for /healthz (a production boot takes 10–70 s on a shared, loaded machine). */
  startTimeoutMs = 60_000;

  constructor(
    private readonly root: string,
    private readonly buildIndex: string,
    readonly port: number,
    databaseUrl: string,
    logPrefix: string,
  ) {
    this.env = demoEnv({ port, databaseUrl });
    this.url = this.env.SHOPIFY_APP_URL;
    this.outLog = `${logPrefix}.out.log`;
    this.errLog = `${logPrefix}.err.log`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const out = openSync(this.outLog, "a");
    const err = openSync(this.errLog, "a");
    // The production server (`npm start`) run by node directly, so signals reach the server itself; its
    // request log (morgan's "tiny" format) gives the server's own time per request.
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (written on SIGTERM).
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(this.root, "scripts/serve.mjs"), this.buildIndex],
      {
        cwd: this.root,
        env: {
          ...process.env,
          ...this.env,
          NODE_ENV: "production",
          TALLY_BACKGROUND_JOBS: "0",
          TALLY_REQUEST_LOG: "1",
          ...this.extraEnv,
        },
        stdio: ["ignore", out, err],
      },
    );
    closeSync(out);
    closeSync(err);
    this.child = child;
    let exitCode: number | null | undefined;
    this.exited = new Promise((done) => child.once("exit", (code) => ((exitCode = code), done())));
    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline) {
      if (exitCode !== undefined)
        throw new Error(
          `the server exited (${exitCode}) while starting:\n${this.tail(this.errLog)}`,
        );
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(
      `the server did not answer /healthz within ${this.startTimeoutMs / 1000} s:\n${this.tail(this.errLog)}`,
    );
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null)
      return this.exited;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  private tail(file: string, lines = 30): string {
    return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "";
  }

  /** The current size of the request log: a mark to read the requests of one phase. */
  logMark(): number {
    return existsSync(this.outLog) ? statSync(this.outLog).size : 0;
  }

  /** Requests morgan ("tiny") logged between two marks: method, path, status and server time. */
  requestsBetween(from: number, to: number): LoggedRequest[] {
    if (!existsSync(this.outLog)) return [];
    const text = readFileSync(this.outLog).subarray(from, to).toString("utf8");
    const requests: LoggedRequest[] = [];
    for (const line of text.split("\n")) {
      const match = /^(GET|POST|OPTIONS|PUT|DELETE) (\S+) (\d{3}) \S+ - ([\d.]+) ms$/.exec(
        line.trim(),
      );
      if (match)
        requests.push({
          method: match[1],
          path: match[2],
          status: Number(match[3]),
          ms: Number(match[4]),
        });
    }
    return requests;
  }

  /** Request lines logged with a 5xx status. */
  serverErrors(): string[] {
    return this.requestsBetween(0, this.logMark())
      .filter((r) => r.status >= 500)
      .map((r) => `${r.method} ${r.path} ${r.status}`);
  }

  /** Non-empty stderr lines (warnings and errors the app logged). */
  errorLines(): string[] {
    return existsSync(this.errLog)
      ? readFileSync(this.errLog, "utf8")
          .split("\n")
          .filter((line) => line.trim() !== "")
      : [];
  }

  /** stdout lines that are not request lines (the app's structured log). */
  appLogLines(): string[] {
    if (!existsSync(this.outLog)) return [];
    return readFileSync(this.outLog, "utf8")
      .split("\n")
      .filter(
        (line) => line.trim() !== "" && !/^(GET|POST|OPTIONS|PUT|DELETE) \S+ \d{3} /.test(line),
      );
  }
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  ms: number;
}

// ---------------------------------------------------------------------------------------------
// Figures

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarise(values: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1],
    mean,
  };
}

export function machine() {
  const cpu =
    /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ??
    os.cpus()[0]?.model ??
    "unknown";
  const memKb = Number(/MemTotal:\s*(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0);
  return {
    cpu,
    cores: os.availableParallelism(),
    ram: `${(memKb / 1024 / 1024).toFixed(1)} GiB`,
    os: `${os.type().toLowerCase()} ${os.release()}`,
  };
}

export function revision(root: string): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "prisma"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    return dirty
      ? `${head} + uncommitted changes in app/ or prisma/ (${dirty.split("\n").length} files)`
      : head;
  } catch {
    return "unknown";
  }
}

// ---------------------------------------------------------------------------------------------
// CPU accounting: the machine is shared, so every measured phase reports who used the cores.

let clockTicks = 0;
function ticksPerSecond(): number {
  if (!clockTicks) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface CpuSnapshot {
  at: number;
  /** Busy and total jiffies of all cores (/proc/stat). */
  busy: number;
  /** utime + stime per process, with its command name. */
  procs: Map<number, { comm: string; ticks: number }>;
}

export function cpuSnapshot(): CpuSnapshot {
  const at = performance.now();
  const fields = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
  const busy = fields.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  const procs = new Map<number, { comm: string; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = text.lastIndexOf(")");
      const comm = text.slice(text.indexOf("(") + 1, close);
      const rest = text.slice(close + 2).split(" ");
      // After "pid (comm) ": state(0) … utime(11) stime(12).
      procs.set(Number(entry), { comm, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return { at, busy, procs };
}

export interface CpuUse {
  seconds: number;
  cores: number;
  /** Average cores used over the interval. */
  machine: number;
  server: number;
  load: number;
  postgres: number;
  other: number;
  loadAverage: number;
}

/** Who used the cores between two snapshots; the load process reports its own CPU time (it exits before the second snapshot can see it). */
export function cpuBetween(
  start: CpuSnapshot,
  end: CpuSnapshot,
  serverPid: number | undefined,
  loadCpuMs: number,
): CpuUse {
  const hz = ticksPerSecond();
  const seconds = (end.at - start.at) / 1000;
  const cores = os.availableParallelism();
  const used = (ticks: number) => ticks / hz / seconds;
  const delta = (pid: number) =>
    (end.procs.get(pid)?.ticks ?? 0) - (start.procs.get(pid)?.ticks ?? 0);
  const machineCores = Math.min(cores, (end.busy - start.busy) / hz / seconds);
  const server = serverPid ? used(delta(serverPid)) : 0;
  let postgresTicks = 0;
  for (const [pid, proc] of end.procs) if (proc.comm === "postgres") postgresTicks += delta(pid);
  const postgres = used(postgresTicks);
  const load = loadCpuMs / 1000 / seconds;
  // /proc/stat is tick-sampled and can under-count on this VM's tickless kernel, while per-process
  // times are the scheduler's exact ones: the machine is at least as busy as the parts we know of.
  const machine = Math.min(cores, Math.max(machineCores, server + load + postgres));
  return {
    seconds,
    cores,
    machine,
    server,
    load,
    postgres,
    other: Math.max(0, machine - server - load - postgres),
    loadAverage: os.loadavg()[0],
  };
}

/**
 * The CPU µs each backend of the current database has used (the app's connections only when the
 * database is the bench's own), from /proc at 100 Hz; `query` runs SQL on the app's port.
 */
export async function postgresBackendsCpuUs(
  query: (text: string) => Promise<Record<string, unknown>[]>,
): Promise<Map<number, number>> {
  const backends = await query(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
  );
  const cpuUs = new Map<number, number>();
  for (const { pid } of backends) {
    try {
      const stat = readFileSync(`/proc/${Number(pid)}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      cpuUs.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6); // utime + stime
    } catch {
      // a backend that ended meanwhile
    }
  }
  return cpuUs;
}
const CLOCK_TICKS = 100; // CLK_TCK on Linux

/** Per backend, so a connection the pool closed or opened meanwhile cannot make it negative. */
export const serverCpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, us]) => sum + us - (before.get(pid) ?? 0), 0);
