// Measures each UI extension's bundle as `shopify app build` left it in extensions/*/dist: raw,
// gzip (level 9) and brotli (quality 11, what Shopify CLI reports as "compressed"). Fails (exit 1)
// when any bundle is above 48 KB gzip, well inside Shopify's 64 KB compressed limit; prints a
// warning for bundles over their goal. With --write, records the table in bench/RESULTS.md.
//   npm run build:extensions            build + check
//   npm run bench:extensions            build + check + write bench/RESULTS.md
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { recordGoals } from "../lib/goals";

const KB = 1024;
const LIMIT = 48 * KB;
/** Goals per extension directory (design §6.4: tiny bundles); checkout and thank-you render in checkout. */
const GOALS: Record<string, number> = {
  checkout: 12 * KB,
  "thank-you": 12 * KB,
  "customer-account": 20 * KB,
  "customer-account-blocks": 12 * KB,
  // Issue 22 item 2: the POS block downloads to every register.
  pos: 12 * KB,
};

const root = join(import.meta.dirname, "..", "..");
const extensionsDir = join(root, "extensions");

interface Row {
  extension: string;
  handle: string;
  raw: number;
  gzip: number;
  brotli: number;
  frameworkRaw: number;
  goal: number | null;
}

function measure(extension: string): Row {
  const dir = join(extensionsDir, extension);
  const toml = readFileSync(join(dir, "shopify.extension.toml"), "utf8");
  const handle = /^handle\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!handle) throw new Error(`${extension}: no handle in shopify.extension.toml`);
  const bundle = join(dir, "dist", `${handle}.js`);
  if (!existsSync(bundle))
    throw new Error(`${extension}: ${bundle} is missing; run \`shopify app build\` first`);
  const code = readFileSync(bundle);
  const metafile = JSON.parse(
    readFileSync(join(dir, "dist", `${handle}.metafile.json`), "utf8"),
  ) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const frameworkRaw = Object.values(metafile.outputs)
    .flatMap((output) => Object.entries(output.inputs))
    .filter(([input]) => input.includes("node_modules/"))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return {
    extension,
    handle,
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    frameworkRaw,
    goal: GOALS[extension] ?? null,
  };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const verdict = (row: Row) =>
  row.gzip > LIMIT ? "OVER LIMIT" : row.goal !== null && row.gzip > row.goal ? "over goal" : "ok";

// Only UI extensions have bundles; Flow triggers and actions (extensions/flow-*) are configuration.
const isUiExtension = (name: string) => {
  const toml = join(extensionsDir, name, "shopify.extension.toml");
  return existsSync(toml) && /^type\s*=\s*"ui_extension"/m.test(readFileSync(toml, "utf8"));
};
const extensions = readdirSync(extensionsDir).filter(isUiExtension).sort();
const rows = extensions.map(measure);

// The storefront theme app extension has no bundle: its assets (JS + CSS) are served as they are
// from Shopify's CDN, each compressed on its own. Its goal (issue 22, decision 037) is a hard limit.
const THEME_LIMIT = 10 * KB;
function measureTheme(): Row | null {
  const dir = join(extensionsDir, "theme");
  if (!existsSync(join(dir, "shopify.extension.toml"))) return null;
  const files = readdirSync(join(dir, "assets"))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => readFileSync(join(dir, "assets", name)));
  const sum = (size: (file: Buffer) => number) => files.reduce((total, f) => total + size(f), 0);
  return {
    extension: "theme",
    handle: "assets/*.js + *.css",
    raw: sum((f) => f.length),
    gzip: sum((f) => gzipSync(f, { level: 9 }).length),
    brotli: sum(
      (f) => brotliCompressSync(f, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ),
    frameworkRaw: 0,
    goal: THEME_LIMIT,
  };
}
const theme = measureTheme();
if (theme) rows.push(theme);

const table = [
  "| extension (handle) | raw | gzip -9 | brotli q11 | of raw: Preact & libraries | goal (gzip) | |",
  "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  ...rows.map(
    (r) =>
      `| ${r.extension} (\`${r.handle}\`) | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${kb(r.frameworkRaw)} | ${r.goal === null ? "–" : `≤ ${kb(r.goal)}`} | ${verdict(r)} |`,
  ),
].join("\n");
console.log(table);

if (process.argv.includes("--write")) {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const section = [
    "<!-- extension-size:start (written by bench/extension-size/measure.ts; edit there) -->",
    "## UI extension bundle sizes",
    "",
    `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / KB ** 3)} GB, ${platform()} ${release()}, Node ${process.versions.node}.`,
    `Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npm run bench:extensions\` (\`shopify app build\`, then this script).`,
    "",
    table,
    "",
    `Limit enforced by \`npm run build:extensions\`: ${kb(THEME_LIMIT)} gzip for the theme extension's assets, ${kb(LIMIT)} gzip per UI extension (Shopify's own limit is 64 KB compressed,`,
    '128 KB for a customer-account full page). Shopify CLI\'s "~N KB compressed" is the brotli figure.',
    "<!-- extension-size:end -->",
  ].join("\n");
  const resultsPath = join(root, "bench", "RESULTS.md");
  const current = existsSync(resultsPath)
    ? readFileSync(resultsPath, "utf8")
    : "# Benchmark results\n";
  const pattern = /<!-- extension-size:start[\s\S]*?<!-- extension-size:end -->/;
  const next = pattern.test(current)
    ? current.replace(pattern, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsPath, next);
  const row = (extension: string) => rows.find((r) => r.extension === extension)!;
  const withinGoal = (...names: string[]) => names.every((name) => verdict(row(name)) === "ok");
  recordGoals(root, [
    {
      id: "extension-size",
      figure: ["checkout", "thank-you", "customer-account"].map((n) => kb(row(n).gzip)).join(" / "),
      met: withinGoal("checkout", "thank-you", "customer-account"),
      command: "npm run bench:extensions",
    },
    {
      id: "pos-size",
      figure: kb(row("pos").gzip),
      met: withinGoal("pos"),
      command: "npm run bench:extensions",
    },
  ]);
  console.log(`wrote ${resultsPath} and the goals table`);
}

const over = rows.filter((r) => r.gzip > (r === theme ? THEME_LIMIT : LIMIT));
for (const r of rows.filter((row) => verdict(row) === "over goal"))
  console.warn(`warning: ${r.extension} is ${kb(r.gzip)} gzip, over its ${kb(r.goal!)} goal`);
if (over.length > 0) {
  console.error(
    `over the ${kb(LIMIT)} limit: ${over.map((r) => `${r.extension} (${kb(r.gzip)})`).join(", ")}`,
  );
  process.exit(1);
}
