// A small round-robin HTTP load balancer for bench/cluster, in its own process (run.ts forks it):
//   tsx bench/cluster/balancer.ts <port> <upstream-url>[,<upstream-url>…]
// Like nginx's `proxy_next_upstream error`: when connecting to an instance is refused, or the
// connection is reset before an answer arrives, the request goes to the next instance; a refused
// instance is skipped for a second (nginx's fail_timeout). Bodies are buffered (the app's bodies are
// ≤ 1 MB) so a request can be sent again; that is safe here because every route the benchmark calls
// is idempotent (webhook ids, Idempotency-Keys) — which is exactly what the benchmark checks.
// Counters go to the parent over IPC on request ({type: "stats"}).
import http from "node:http";

const [portArg, upstreamArg] = process.argv.slice(2);
const upstreams = upstreamArg.split(",").map((url) => new URL(url));
// Idle upstream sockets close after 4 s, before the server's 5 s keep-alive timeout: reusing a socket the
// server is closing at that instant ends in ECONNRESET (then retried, but counted as a retry).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
const downUntil = new Map<number, number>();
const FAIL_TIMEOUT_MS = 1000;

export interface BalancerStats {
  requests: number;
  /** Answers by upstream index. */
  answered: number[];
  /** Requests sent again to another instance after a refused/reset connection. */
  retried: number;
  /** Requests no instance answered (502 to the client). */
  failed: number;
}

const stats: BalancerStats = {
  requests: 0,
  answered: upstreams.map(() => 0),
  retried: 0,
  failed: 0,
};
let next = 0;

function pick(excluded: Set<number>): number | null {
  const now = Date.now();
  for (let step = 0; step < upstreams.length; step++) {
    const index = (next + step) % upstreams.length;
    if (excluded.has(index) || (downUntil.get(index) ?? 0) > now) continue;
    next = index + 1;
    return index;
  }
  // Every instance is marked down or tried: try any not yet tried (a marked instance may be back).
  for (let index = 0; index < upstreams.length; index++) if (!excluded.has(index)) return index;
  return null;
}

function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
  tried: Set<number>,
): void {
  const index = pick(tried);
  if (index === null) {
    stats.failed++;
    res
      .writeHead(502, { "Content-Type": "application/json" })
      .end(JSON.stringify({ error: { code: "NO_UPSTREAM", message: "no instance answered" } }));
    return;
  }
  tried.add(index);
  const upstream = upstreams[index];
  let answered = false;
  const outgoing = http.request(
    {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host, "content-length": String(body.length) },
    },
    (answer) => {
      answered = true;
      stats.answered[index]++;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  outgoing.on("error", (error: NodeJS.ErrnoException) => {
    if (answered) return res.destroy(error);
    if (error.code === "ECONNREFUSED") downUntil.set(index, Date.now() + FAIL_TIMEOUT_MS);
    if (
      error.code === "ECONNREFUSED" ||
      error.code === "ECONNRESET" ||
      error.message === "socket hang up"
    ) {
      stats.retried++;
      return forward(req, res, body, tried);
    }
    stats.failed++;
    res.writeHead(502).end();
  });
  outgoing.end(body);
}

const server = http.createServer((req, res) => {
  stats.requests++;
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => forward(req, res, Buffer.concat(chunks), new Set()));
});
server.keepAliveTimeout = 30_000;

process.on("message", (message: { type: string }) => {
  if (message.type === "stats") process.send?.({ type: "stats", stats });
});
server.listen(Number(portArg), "127.0.0.1", () => process.send?.({ type: "ready" }));
