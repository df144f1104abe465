// The load process of bench/redemption (run.ts forks it, so the load never shares an event loop with
// the server or the orchestrator). It reads a job file, mints the shoppers' session tokens the way
// Shopify's extensions present them (tests/support/session-tokens.ts: HS256 with the app secret,
// aud = API key, dest = shop, sub = customer GID) before the clock starts, and sends:
//   - "redeem": POST /api/loyalty/redemptions in sequences (each sequence one after the other, the
//     sequences `concurrency` at a time; with concurrency = number of sequences every first request
//     starts in the same tick), recording every answer;
//   - "get-autocannon": GET /api/loyalty with autocannon at an overall rate, tokens rotating;
//   - "get-paced": GET /api/loyalty from an open-loop sender (a request every 1/rate s whatever is
//     outstanding; latency counted from the scheduled start, so a stall is not hidden).
// It reports its result to the parent over IPC.
import { readFileSync } from "node:fs";
import http from "node:http";
import autocannon from "autocannon";
import { shopperToken } from "../../tests/support/session-tokens";
import { summarise, type LatencySummary } from "../lib/harness";

export interface Target {
  baseUrl: string;
  shop: string;
  apiKey: string;
  secret: string;
}

export interface RedeemRequest {
  customer: number;
  key: string;
  rewardId: string;
  /** A second request with an Idempotency-Key already in the batch (a retry). */
  retry?: boolean;
}

export type LoadJob = Target &
  (
    | { kind: "redeem"; sequences: RedeemRequest[][]; concurrency: number }
    /** rate 0: as fast as the connections go (closed loop), for the capacity figure. */
    | {
        kind: "get-autocannon";
        customers: number[];
        rate: number;
        duration: number;
        connections: number;
      }
    | { kind: "get-paced"; customers: number[]; rate: number; duration: number }
  );

export interface RedeemAnswer extends RedeemRequest {
  status: number;
  /** The answer's fields (201/200) or its error code. */
  redemptionId?: string;
  code?: string | null;
  balance?: number;
  expiresAt?: string | null;
  error?: string;
  /** Client-measured, ms. */
  ms: number;
  /** Of which the server waited on Shopify's Admin API (its Server-Timing header), ms. */
  shopifyMs: number;
  /** ms since the job's clock started. */
  startedAt: number;
}

export interface RedeemResult {
  kind: "redeem";
  answers: RedeemAnswer[];
  seconds: number;
  /** This process's CPU time while the clock ran. */
  cpuMs: number;
}

export interface GetResult {
  kind: "get";
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  statuses: Record<string, number>;
  latency: LatencySummary;
  /** A sample body of a 200, to check the shape. */
  sample?: unknown;
  /** A few distinct connection errors / non-2xx answers. */
  errorSamples: string[];
  cpuMs: number;
}

export type LoadMessage =
  | { type: "start" }
  | { type: "result"; result: RedeemResult | GetResult }
  | { type: "error"; message: string };

/** Tells the parent the clock starts now (it snapshots the machine's CPU counters), and returns a CPU meter. */
function clockStarts(): () => number {
  process.send?.({ type: "start" } satisfies LoadMessage);
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
}

// Idle keep-alive sockets are closed after 4 s, before the server's 5 s keepAliveTimeout: without an
// agent timeout Node's client ignores the server's "Keep-Alive: timeout=5" hint, and reusing a socket
// the server is closing at that instant ends in ECONNRESET (a load-generator artefact, not the app's).
const agentOptions = { keepAlive: true, maxSockets: Infinity, timeout: 4000 } as const;

const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const TOKEN_LIFETIME_SECONDS = 1800;

async function tokensFor(
  target: Target,
  customers: Iterable<number>,
): Promise<Map<number, string>> {
  const tokens = new Map<number, string>();
  for (const customer of new Set(customers)) {
    tokens.set(
      customer,
      await shopperToken({
        shop: target.shop,
        customerId: customer,
        audience: target.apiKey,
        secret: target.secret,
        expiresInSeconds: TOKEN_LIFETIME_SECONDS,
      }),
    );
  }
  return tokens;
}

function request(
  agent: http.Agent,
  base: URL,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | null,
  timeoutMs = 60_000,
): Promise<{ status: number; text: string; shopifyMs?: number }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers:
          body === null
            ? headers
            : { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        // The server's own account of the time it waited on Shopify (Server-Timing: shopify;dur=…).
        const shopify = /(?:^|,)\s*shopify;dur=([\d.]+)/.exec(
          String(response.headers["server-timing"] ?? ""),
        );
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            text,
            shopifyMs: shopify ? Number(shopify[1]) : undefined,
          }),
        );
        response.on("error", () => resolve({ status: 0, text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve({ status: 0, text: String(error) }));
    req.end(body ?? undefined);
  });
}

async function runRedeem(job: Extract<LoadJob, { kind: "redeem" }>): Promise<RedeemResult> {
  const base = new URL(job.baseUrl);
  const tokens = await tokensFor(
    job,
    job.sequences.flat().map((r) => r.customer),
  );
  const agent = new http.Agent(agentOptions);
  const prepared = job.sequences.map((sequence) =>
    sequence.map((r) => ({
      request: r,
      headers: {
        Authorization: `Bearer ${tokens.get(r.customer)}`,
        "Content-Type": "application/json",
        "Idempotency-Key": r.key,
        "User-Agent": USER_AGENT,
        Origin: "https://extensions.shopifycdn.com",
      },
      body: JSON.stringify({ rewardId: r.rewardId }),
    })),
  );
  const answers: RedeemAnswer[] = [];
  const cpuMs = clockStarts();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < prepared.length) {
      const sequence = prepared[next++];
      for (const { request: r, headers, body } of sequence) {
        const sentAt = performance.now();
        const { status, text, shopifyMs } = await request(
          agent,
          base,
          "POST",
          "/api/loyalty/redemptions",
          headers,
          body,
        );
        const ms = performance.now() - sentAt;
        const answer: RedeemAnswer = {
          ...r,
          status,
          ms,
          shopifyMs: shopifyMs ?? 0,
          startedAt: sentAt - started,
        };
        try {
          const json = JSON.parse(text) as {
            redemptionId?: string;
            code?: string | null;
            balance?: number;
            expiresAt?: string | null;
            error?: { code?: string };
          };
          if (json.error) answer.error = json.error.code ?? "?";
          else
            Object.assign(answer, {
              redemptionId: json.redemptionId,
              code: json.code,
              balance: json.balance,
              expiresAt: json.expiresAt,
            });
        } catch {
          answer.error =
            status === 0 ? `connection: ${text.slice(0, 120)}` : `not JSON: ${text.slice(0, 120)}`;
        }
        answers.push(answer);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, prepared.length) }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMs();
  agent.destroy();
  return { kind: "redeem", answers, seconds, cpuMs: cpu };
}

async function runGetAutocannon(
  job: Extract<LoadJob, { kind: "get-autocannon" }>,
): Promise<GetResult> {
  const tokens = [...(await tokensFor(job, job.customers)).values()];
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let rotation = 0;
  const errorSamples: string[] = [];
  const noteError = (text: string) => {
    if (errorSamples.length < 3 && !errorSamples.includes(text)) errorSamples.push(text);
  };
  const cpuMs = clockStarts();
  const result = await new Promise<autocannon.Result>((resolveRun, reject) => {
    const instance = autocannon(
      {
        url: job.baseUrl,
        connections: job.connections,
        duration: job.duration,
        ...(job.rate ? { overallRate: job.rate } : {}),
        timeout: 30,
        requests: [
          {
            method: "GET",
            path: "/api/loyalty",
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              headers: {
                Authorization: `Bearer ${tokens[rotation++ % tokens.length]}`,
                "User-Agent": USER_AGENT,
                Origin: "https://extensions.shopifycdn.com",
              },
            }),
          } as autocannon.Request,
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolveRun(done)),
    );
    // The tracker emits (client, statusCode, bytes, responseTimeMs); @types/autocannon omits the client.
    // Every response's own time is kept: autocannon's histogram adds coordinated-omission corrections
    // when a rate is set, which would mix synthetic values into the percentiles.
    instance.on("reqError", (error: Error) => noteError(String(error.message ?? error)));
    instance.on("response", ((...args: unknown[]) => {
      latencies.push(Number(args[args.length - 1]));
      const status = String(args[args.length - 3]);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }) as never);
  });
  const cpu = cpuMs();
  const sample = await fetch(`${job.baseUrl}/api/loyalty`, {
    headers: { Authorization: `Bearer ${tokens[0]}`, "User-Agent": USER_AGENT },
  }).then(
    (r) => r.json(),
    () => undefined,
  );
  return {
    kind: "get",
    requests: result.requests.total,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
    statuses,
    latency: summarise(latencies),
    sample,
    errorSamples,
    cpuMs: cpu,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runGetPaced(job: Extract<LoadJob, { kind: "get-paced" }>): Promise<GetResult> {
  const tokens = [...(await tokensFor(job, job.customers)).values()];
  const base = new URL(job.baseUrl);
  const agent = new http.Agent(agentOptions);
  const total = Math.round(job.rate * job.duration);
  const latencies = new Float64Array(total);
  const statusOf = new Int32Array(total);
  const interval = 1000 / job.rate;
  const inflight: Promise<void>[] = [];
  let sample: unknown;
  const errorSamples: string[] = [];
  const cpuMs = clockStarts();
  const started = performance.now();
  for (let index = 0; index < total; index++) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const headers = {
      Authorization: `Bearer ${tokens[index % tokens.length]}`,
      "User-Agent": USER_AGENT,
      Origin: "https://extensions.shopifycdn.com",
    };
    inflight.push(
      request(agent, base, "GET", "/api/loyalty", headers, null, 30_000).then(
        ({ status, text }) => {
          statusOf[index] = status;
          latencies[index] = performance.now() - due;
          if (sample === undefined && status === 200) sample = JSON.parse(text);
          const error =
            status === 0
              ? `connection: ${text.slice(0, 80)}`
              : status >= 300
                ? `${status}: ${text.slice(0, 80)}`
                : null;
          if (error && errorSamples.length < 3 && !errorSamples.includes(error))
            errorSamples.push(error);
        },
      ),
    );
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMs();
  agent.destroy();
  const statuses: Record<string, number> = {};
  for (const status of statusOf) statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
  const ok = statusOf.filter((s) => s >= 200 && s < 300).length;
  const errors = statusOf.filter((s) => s === 0).length;
  return {
    kind: "get",
    requests: total,
    ok,
    non2xx: total - ok - errors,
    errors,
    seconds,
    statuses,
    latency: summarise(latencies),
    sample,
    errorSamples,
    cpuMs: cpu,
  };
}

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2], "utf8")) as LoadJob;
  const result =
    job.kind === "redeem"
      ? await runRedeem(job)
      : job.kind === "get-autocannon"
        ? await runGetAutocannon(job)
        : await runGetPaced(job);
  // Wait until the message is handed over: a large result (bench/cluster's 1,400 answers) was lost when
  // the channel was disconnected right after send().
  await new Promise<void>((sent) =>
    process.send
      ? process.send({ type: "result", result } satisfies LoadMessage, undefined, {}, () => sent())
      : sent(),
  );
}

main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    process.send?.({
      type: "error",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies LoadMessage);
    process.exitCode = 1;
    process.disconnect?.();
  },
);
