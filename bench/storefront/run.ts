// Storefront embed benchmark (issue 22, decision 037): the Dawn-shaped product page of the browser
// test (tests/e2e/fixtures/dawn-product.html), served locally without and with the theme
// extension's blocks (rendered from their Liquid by liquidjs, as a guest and as a member), measured
// by Lighthouse 12.2.3 (mobile preset, simulated throttling) in the Chromium at CHROME_PATH
// (default /usr/bin/chromium). Offline: no App Proxy call happens before a click, so none is served.
// Appends a dated section to bench/RESULTS.md.
//   npm run bench:storefront              3 runs per page (~1–2 min)
//   npm run bench:storefront -- --runs 5
import { appendFileSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { machine, revision } from "../lib/harness";
import {
  renderBlock,
  storefrontGlobals,
  THEME_DIR,
  themeLiquid,
  type StorefrontCustomer,
} from "../../tests/support/theme-liquid";

const ROOT = join(import.meta.dirname, "..", "..");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const fixture = readFileSync(join(ROOT, "tests", "e2e", "fixtures", "dawn-product.html"), "utf8");

const member: StorefrontCustomer = {
  status: {
    v: 1,
    balance: 1230,
    pending: 0,
    tier: "Silver",
    nextTier: "Gold",
    pointsToNextTier: 1270,
    earn: { perUnit: 1.25, currency: "USD" },
  },
};

type Variant = "without Tally" | "with Tally, guest" | "with Tally, member";
const VARIANTS: Variant[] = ["without Tally", "with Tally, guest", "with Tally, member"];

async function page(variant: Variant): Promise<string> {
  const engine = themeLiquid("en");
  const globals = storefrontGlobals({
    customer: variant === "with Tally, member" ? member : null,
    // Referrals on (decision 042: the guest's pitch is in the page's data) and a product that earns
    // 2× (decision 043: the block reads the multiplier map).
    program: {
      v: 1,
      earn: { perUnit: 1, currency: "USD" },
      products: { "7001001": 200 },
      exact: true,
      referral: {
        advocatePoints: 500,
        friendDiscount: { kind: "fixed_amount", value: 10, currency: "USD" },
      },
    },
    priceCents: 4800,
    productId: 7_001_001,
  });
  const withTally = variant !== "without Tally";
  return fixture
    .replace("{{lang}}", "en")
    .replace("{{price}}", "$48.00 USD")
    .replace(
      "{{earn_points_block}}",
      withTally ? await renderBlock(engine, "earn-points", globals) : "",
    )
    .replace("{{launcher_embed}}", withTally ? await renderBlock(engine, "launcher", globals) : "");
}

const pages = new Map<string, string>();
for (const [index, variant] of VARIANTS.entries()) pages.set(`/p${index}`, await page(variant));

const server = createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://bench").pathname;
  if (pages.has(path)) {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(pages.get(path));
  } else if (path.startsWith("/assets/tally-launcher.")) {
    response.writeHead(200, {
      "Content-Type": path.endsWith(".js") ? "text/javascript" : "text/css",
      "Content-Encoding": "gzip",
    });
    response.end(gzipSync(readFileSync(join(THEME_DIR, path.slice(1)))));
  } else if (path === "/media/shirt.svg") {
    response.writeHead(200, { "Content-Type": "image/svg+xml" });
    response.end(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#ddd"/></svg>',
    );
  } else response.writeHead(404).end();
});
await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

interface Sample {
  score: number;
  cls: number;
  lcp: number;
  tbt: number;
  tallyBytes: number;
  tallyRequests: number;
}

const samples = new Map<Variant, Sample[]>(VARIANTS.map((variant) => [variant, []]));
try {
  // Interleaved, so a neighbour's load on the shared cores hits every variant alike.
  for (let run = 0; run < RUNS; run++) {
    for (const [index, variant] of VARIANTS.entries()) {
      const result = await lighthouse(`${origin}/p${index}`, {
        port: chrome.port,
        onlyCategories: ["performance"],
        logLevel: "error",
      });
      const lhr = result!.lhr;
      const items = (
        lhr.audits["network-requests"].details as unknown as {
          items: { url: string; transferSize: number }[];
        }
      ).items.filter((item) => item.url.includes("tally-launcher"));
      const sample: Sample = {
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        cls: lhr.audits["cumulative-layout-shift"].numericValue ?? NaN,
        lcp: lhr.audits["largest-contentful-paint"].numericValue ?? NaN,
        tbt: lhr.audits["total-blocking-time"].numericValue ?? NaN,
        tallyBytes: items.reduce((sum, item) => sum + item.transferSize, 0),
        tallyRequests: items.length,
      };
      samples.get(variant)!.push(sample);
      console.log(`run ${run + 1} ${variant}: ${JSON.stringify(sample)}`);
    }
  }
} finally {
  await chrome.kill();
  server.close();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const summary = VARIANTS.map((variant) => {
  const list = samples.get(variant)!;
  return {
    variant,
    score: median(list.map((s) => s.score)),
    scores: list.map((s) => s.score).join(", "),
    cls: Math.max(...list.map((s) => s.cls)),
    lcp: median(list.map((s) => s.lcp)),
    tbt: median(list.map((s) => s.tbt)),
    tallyBytes: median(list.map((s) => s.tallyBytes)),
    tallyRequests: median(list.map((s) => s.tallyRequests)),
  };
});
const baseline = summary[0].score;
const worstDrop = Math.max(...summary.slice(1).map((row) => baseline - row.score));
const worstCls = Math.max(...summary.slice(1).map((row) => row.cls));
const assets = ["tally-launcher.js", "tally-launcher.css"].map(
  (name) => gzipSync(readFileSync(join(THEME_DIR, "assets", name)), { level: 9 }).length,
);
const assetGzip = assets.reduce((a, b) => a + b, 0);
const m = machine();
const verdict = (met: boolean) => (met ? "met" : "NOT met");

const section = [
  "",
  `## Storefront embed (Lighthouse ${"12.2.3"}) — ${new Date().toISOString().slice(0, 10)}`,
  "",
  `Machine: ${m.cpu}, ${m.cores} cores (shared), ${m.ram}, ${m.os}, Node ${process.versions.node}. Revision ${revision(ROOT)}.`,
  `Command: \`npm run bench:storefront${RUNS !== 3 ? ` -- --runs ${RUNS}` : ""}\`. Page: tests/e2e/fixtures/dawn-product.html served on localhost,`,
  "Lighthouse mobile preset with simulated throttling, performance category only, runs interleaved; medians.",
  "",
  "| page | performance (median) | runs | CLS (max) | LCP ms | TBT ms | Tally requests in the trace | Tally bytes transferred |",
  "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ...summary.map(
    (r) =>
      `| ${r.variant} | ${r.score} | ${r.scores} | ${r.cls.toFixed(3)} | ${Math.round(r.lcp)} | ${Math.round(r.tbt)} | ${r.tallyRequests} | ${r.tallyBytes} |`,
  ),
  "",
  `- Goal: performance drop ≤ 2 points: worst drop ${worstDrop} — ${verdict(worstDrop <= 2)}.`,
  `- Goal: CLS contribution 0: worst CLS with Tally ${worstCls.toFixed(3)} — ${verdict(worstCls === 0)}.`,
  `- Goal: ≤ 10 KB gzip JS + CSS: ${(assetGzip / 1024).toFixed(1)} KB (js ${assets[0]} B, css ${assets[1]} B, gzip -9) — ${verdict(assetGzip <= 10 * 1024)}.`,
  "- Goal: 0 requests before the load event: asserted by tests/e2e/storefront.test.ts (Resource Timing vs the",
  "  navigation's loadEventStart); the two Tally requests above are the script and stylesheet added after `load`.",
  "",
].join("\n");
appendFileSync(join(ROOT, "bench", "RESULTS.md"), section);
console.log(section);
console.log("appended to bench/RESULTS.md");
