// Type-checks every UI extension: each extension's tsconfig.json (its code, without Node's types,
// against the shopify.d.ts `shopify app build` generates), its tests/tsconfig.json, and
// extensions/shared. Found by walking extensions/, so a new extension is covered without edits here.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const extensions = join(root, "extensions");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

const projects = readdirSync(extensions, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== "node_modules")
  .flatMap((entry) => [join(extensions, entry.name), join(extensions, entry.name, "tests")])
  .filter((dir) => existsSync(join(dir, "tsconfig.json")));

let failed = 0;
for (const project of projects) {
  const name = relative(root, project);
  const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", project], {
    stdio: "inherit",
  });
  console.log(`${result.status === 0 ? "ok  " : "FAIL"} ${name}`);
  if (result.status !== 0) failed++;
}
if (projects.length === 0) {
  console.error("no extension tsconfig.json found under extensions/");
  process.exit(1);
}
process.exit(failed === 0 ? 0 : 1);
