// Measures what each admin page (app/routes/app.*) downloads in the browser, from the esbuild
// metafile `remix build` writes (build/metafile.js.json): the route's own chunk and the shared chunks
// it imports beyond those the admin frame (entry, root, app layout) already loaded, raw and gzip
// (level 9). Fails (exit 1) when a page's chunks hold a package that belongs on the server only
// (zod: issue #20, decision 064), naming the app modules that pulled it in, or when the admin frame
// holds a language beyond English (each is a chunk loaded only for a page shown in it). Prints only.
//   npm run bench:admin-bundles          build + measure
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const SERVER_ONLY_PACKAGES = ["zod"];

interface Output {
  bytes: number;
  imports: { path: string; kind: string }[];
  inputs: Record<string, { bytesInOutput: number }>;
  entryPoint?: string;
}
interface Metafile {
  inputs: Record<string, { imports: { path: string }[] }>;
  outputs: Record<string, Output>;
}

const root = join(import.meta.dirname, "..", "..");
const metafile = JSON.parse(
  readFileSync(join(root, "build", "metafile.js.json"), "utf8"),
) as Metafile;
const outputs = Object.fromEntries(
  Object.entries(metafile.outputs).filter(([path]) => path.endsWith(".js")),
);

/** A chunk and every chunk it imports statically (what the browser fetches before running it). */
function chunksOf(chunk: string, into = new Set<string>()): Set<string> {
  if (into.has(chunk) || !outputs[chunk]) return into;
  into.add(chunk);
  for (const imported of outputs[chunk].imports)
    if (imported.kind === "import-statement") chunksOf(imported.path, into);
  return into;
}

const chunkOfRoute = (route: string) =>
  Object.keys(outputs).find((path) => outputs[path].entryPoint?.endsWith(`${route}?browser`)) ??
  Object.keys(outputs).find((path) => path.includes(`/build/${route}-`));

const frame = new Set<string>();
for (const route of ["entry.client", "root", "routes/app"]) {
  const chunk = chunkOfRoute(route);
  if (chunk) chunksOf(chunk, frame);
}

const gzipped = (chunk: string) => gzipSync(readFileSync(join(root, chunk)), { level: 9 }).length;
const serverOnly = (input: string) =>
  SERVER_ONLY_PACKAGES.some((name) => input.includes(`node_modules/${name}/`));

/** The app modules of these chunks that import a server-only package directly. */
function culprits(chunks: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const chunk of chunks)
    for (const input of Object.keys(outputs[chunk].inputs))
      if (
        !input.includes("node_modules/") &&
        metafile.inputs[input]?.imports.some((imported) => serverOnly(imported.path))
      )
        found.add(input);
  return [...found];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = Object.keys(outputs)
  .filter((path) => /\/build\/routes\/app\.[^/]+\.js$/.test(path))
  .sort()
  .map((own) => {
    const page = [...chunksOf(own)].filter((chunk) => !frame.has(chunk));
    const serverBytes = page
      .flatMap((chunk) => Object.entries(outputs[chunk].inputs))
      .filter(([input]) => serverOnly(input))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    return {
      route: own.replace(/^.*\/routes\//, "").replace(/-[A-Z0-9]+\.js$/, ""),
      ownRaw: outputs[own].bytes,
      ownGzip: gzipped(own),
      pageRaw: page.reduce((sum, chunk) => sum + outputs[chunk].bytes, 0),
      pageGzip: page.reduce((sum, chunk) => sum + gzipped(chunk), 0),
      serverBytes,
      culprits: serverBytes ? culprits(page) : [],
    };
  });

const frameRaw = [...frame].reduce((sum, chunk) => sum + outputs[chunk].bytes, 0);
const frameGzip = [...frame].reduce((sum, chunk) => sum + gzipped(chunk), 0);
console.log(`admin frame (entry, root, app layout): ${kb(frameRaw)} raw, ${kb(frameGzip)} gzip`);
console.log("| page | route chunk raw | gzip | page's chunks raw | gzip | server-only bytes |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const row of rows)
  console.log(
    `| ${row.route} | ${kb(row.ownRaw)} | ${kb(row.ownGzip)} | ${kb(row.pageRaw)} | ${kb(row.pageGzip)} | ${row.serverBytes ? kb(row.serverBytes) : "0"} |`,
  );
// The languages the browser loads only when a page is shown in them (app/i18n/languages.ts).
const LANGUAGE_MODULES = ["app/i18n/pl.ts", "app/i18n/ru.ts", "polaris/locales/pl.json"];
const holdsLanguage = (chunk: string) =>
  Object.keys(outputs[chunk].inputs).filter((input) =>
    LANGUAGE_MODULES.some((module) => input.endsWith(module)),
  );
for (const chunk of Object.keys(outputs).filter((path) => holdsLanguage(path).length))
  console.log(
    `language chunk ${chunk.replace(/^.*\//, "")} (${holdsLanguage(chunk).join(", ")}): ${kb(outputs[chunk].bytes)} raw, ${kb(gzipped(chunk))} gzip`,
  );
const languagesInFrame = [...frame].flatMap(holdsLanguage);
if (languagesInFrame.length)
  console.error(
    `the admin frame holds ${languagesInFrame.join(", ")}: load them with languages.ts`,
  );

const offending = rows.filter((row) => row.serverBytes > 0);
for (const row of offending)
  console.error(
    `${row.route}: ${kb(row.serverBytes)} of ${SERVER_ONLY_PACKAGES.join(", ")} in the browser, imported by ${row.culprits.join(", ")}`,
  );
process.exitCode = offending.length || languagesInFrame.length ? 1 : 0;
