// bench/webhooks/parse-ab: the webhook parse step before and after lossless ids (docs/decisions/028),
// in one process on the same bodies, rounds alternating so a busy machine weighs on both alike.
//
//   npx tsx bench/webhooks/parse-ab.ts [--rounds 9] [--orders 2000] [--no-results]
//
// old = JSON.parse, new = parseLosslessJson (what app/webhooks/receive.server.ts runs); each alone and
// followed by the orders/paid schema, as admission runs them. Bodies: the benchmark's orders/paid
// payloads (the factories' Shopify-shaped orders, ids below 2^53, as bench:webhooks sends) and Shopify's
// own orders/paid examples 2025-01..2026-07 (ids above 2^53: the new path quotes them; the old path's
// schema refuses them, so only its parse is timed there).
import { deepStrictEqual } from "node:assert";
import { appendFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { orderPayload } from "../../app/shopify/webhooks/payloads";
import { parseLosslessJson } from "../../app/shopify/webhooks/lossless-json";
import { EXAMPLE_VERSIONS, exampleBody } from "../../tests/support/shopify-examples";
import { machine } from "../lib/harness";
import { deliveryPayload, generateOrders } from "./plan";

const { values: flags } = parseArgs({
  options: {
    rounds: { type: "string", default: "9" },
    orders: { type: "string", default: "2000" },
    "no-results": { type: "boolean", default: false },
  },
});
const rounds = Number(flags.rounds);
const count = Number(flags.orders);

const factoryBodies = generateOrders({
  seed: 7,
  firstOrderId: 1,
  firstCustomerId: 1,
  customers: Math.max(10, count / 2),
  count,
  refundRate: 0,
  cancelRate: 0,
  now: new Date(),
}).map((order) => JSON.stringify(deliveryPayload(order, "paid")));
// Compact, as Shopify sends them; the same few examples repeated to the same count.
const examples = EXAMPLE_VERSIONS.map((version) =>
  parseLosslessJson(exampleBody(version, "orders/paid")),
).map((example) =>
  JSON.stringify(example, (_key, value: unknown) =>
    typeof value === "string" && /^\d{16,}$/.test(value) ? `@@${value}@@` : value,
  ).replace(/"@@(\d+)@@"/g, "$1"),
);
const exampleBodies = Array.from({ length: count }, (_, i) => examples[i % examples.length]);

// Same answer on the benchmark's bodies (their ids are short, so nothing is quoted).
for (const body of factoryBodies.slice(0, 50))
  deepStrictEqual(
    orderPayload.parse(parseLosslessJson(body)),
    orderPayload.parse(JSON.parse(body)),
  );

type Work = (body: string) => unknown;
const cases: { name: string; bodies: string[]; old: Work; new: Work }[] = [
  {
    name: "bench orders/paid: parse",
    bodies: factoryBodies,
    old: (body) => JSON.parse(body),
    new: (body) => parseLosslessJson(body),
  },
  {
    name: "bench orders/paid: parse + schema",
    bodies: factoryBodies,
    old: (body) => orderPayload.parse(JSON.parse(body)),
    new: (body) => orderPayload.parse(parseLosslessJson(body)),
  },
  {
    name: "Shopify's orders/paid examples: parse",
    bodies: exampleBodies,
    old: (body) => JSON.parse(body),
    new: (body) => parseLosslessJson(body),
  },
];

/** CPU µs per body for one pass. */
function pass(bodies: string[], work: Work): number {
  const before = process.cpuUsage();
  for (const body of bodies) work(body);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / bodies.length;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
const started = performance.now();
const rows: string[] = [];
for (const { name, bodies, old, new: lossless } of cases) {
  // Warm both paths up (JIT), then alternate: old, new, new, old, … so neither always runs first.
  pass(bodies, old);
  pass(bodies, lossless);
  const times = { old: [] as number[], new: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["old", "new"] as const) : (["new", "old"] as const);
    for (const which of order) times[which].push(pass(bodies, which === "old" ? old : lossless));
  }
  const mean = Math.round(bodies.reduce((sum, body) => sum + body.length, 0) / bodies.length);
  const [a, b] = [median(times.old), median(times.new)];
  const row = `| ${name} (${mean} B) | ${a.toFixed(1)} µs | ${b.toFixed(1)} µs | ${b - a >= 0 ? "+" : ""}${(b - a).toFixed(1)} µs (${(((b - a) / a) * 100).toFixed(0)}%) |`;
  rows.push(row);
  console.log(
    `${row}  old ${times.old.map((t) => t.toFixed(1)).join(" ")} / new ${times.new.map((t) => t.toFixed(1)).join(" ")}`,
  );
}
console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);

if (!flags["no-results"]) {
  const host = machine();
  const section = [
    "",
    `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — webhooks: lossless id parsing, parse step A/B`,
    "",
    `- machine: ${host.cpu}, ${host.cores} cores; node ${process.version}`,
    `- command: \`npx tsx bench/webhooks/parse-ab.ts --rounds ${rounds} --orders ${count}\` (CPU per body, median of ${rounds} alternating rounds, one process)`,
    "",
    "| bodies | old: JSON.parse | new: parseLosslessJson | difference |",
    "|---|---:|---:|---:|",
    ...rows,
    "",
  ].join("\n");
  appendFileSync(new URL("../RESULTS.md", import.meta.url), section);
}
