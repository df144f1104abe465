// Time to ready of `npm run demo` on a fresh database: from starting scripts/demo.ts until it prints
// "Tally is running" (migrated, built, server up, demo shop seeded). Then a second start on the same
// database, which must not reseed. Figures are printed; --results appends them to bench/RESULTS.md.
//
//   npx tsx bench/demo/run.ts [--runs 1] [--port 3112] [--dir .] [--no-build] [--results]
//   (--dir: the checkout whose scripts/demo.ts is timed, e.g. an older revision for an A/B)
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    port: { type: "string", default: "3112" },
    dir: { type: "string", default: "." },
    "no-build": { type: "boolean", default: false },
    results: { type: "boolean", default: false },
  },
});
const dir = resolve(values.dir);
const dbDir = resolve("tmp/bench-demo");

interface Start {
  seconds: number;
  output: string;
}

function startDemo(databaseUrl: string): Promise<Start> {
  const started = performance.now();
  const args = ["tsx", "scripts/demo.ts", ...(values["no-build"] ? ["--no-build"] : [])];
  const child = spawn("npx", args, {
    cwd: dir,
    env: { ...process.env, PORT: values.port, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  let output = "";
  return new Promise((done, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Tally is running")) {
        const seconds = (performance.now() - started) / 1000;
        child.once("exit", () => done({ seconds, output }));
        process.kill(-child.pid!, "SIGTERM");
      }
    });
    child.once("exit", (code) => {
      if (!output.includes("Tally is running"))
        fail(new Error(`demo exited (${code}) before ready:\n${output}`));
    });
  });
}

const rows: string[] = [];
for (let run = 1; run <= Number(values.runs); run++) {
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir, { recursive: true });
  const databaseUrl = `file:${dbDir}/tally.sqlite`;
  const first = await startDemo(databaseUrl);
  const second = await startDemo(databaseUrl);
  const members = /\((?:local demo: [^,]+, )?(\d+) members\)/.exec(second.output)?.[1] ?? "?";
  const reseeded = /Seed/.test(second.output);
  const row = `| ${run} | ${first.seconds.toFixed(1)} s | ${second.seconds.toFixed(1)} s | ${members} | ${reseeded ? "yes (bug)" : "no"} |`;
  console.log(first.output.trim());
  console.log(row);
  rows.push(row);
}

if (values.results) {
  const cpu = cpus()[0]?.model ?? "unknown";
  appendFileSync(
    resolve("bench/RESULTS.md"),
    [
      "",
      `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — demo: time to ready`,
      "",
      `- machine: ${cpu}, ${cpus().length} cores, node ${process.version}`,
      `- command: \`npx tsx bench/demo/run.ts ${process.argv.slice(2).join(" ")}\` (checkout ${values.dir})`,
      "",
      "| run | first start (seeds) | second start | members | reseeded |",
      "|---|---:|---:|---:|---|",
      ...rows,
      "",
    ].join("\n"),
  );
}
