// Fails when app code imports itself in a circle (type-only imports included: they couple modules too).
// Run: `npm run check:cycles`. Reads the import specifiers with TypeScript's own pre-processor.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const roots = ["app", "admin-api-standin"];
const extensions = [".ts", ".tsx", "/index.ts", "/index.tsx"];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/")
    ? path.join("app", specifier.slice(2))
    : specifier.startsWith(".")
      ? path.join(path.dirname(from), specifier)
      : null;
  if (!base) return null;
  if (/\.tsx?$/.test(base) && fs.existsSync(base)) return base;
  for (const extension of extensions) if (fs.existsSync(base + extension)) return base + extension;
  return null;
}

const files = roots.filter((root) => fs.existsSync(root)).flatMap(sourceFiles);
const graph = new Map<string, string[]>();
for (const file of files) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  graph.set(
    file,
    importedFiles.map((i) => resolveImport(file, i.fileName)).filter((f): f is string => !!f),
  );
}

// Tarjan's strongly connected components: every component larger than one file is a cycle.
let index = 0;
const indices = new Map<string, number>();
const lowLinks = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function connect(file: string) {
  indices.set(file, index);
  lowLinks.set(file, index++);
  stack.push(file);
  onStack.add(file);
  for (const next of graph.get(file) ?? []) {
    if (!indices.has(next)) {
      connect(next);
      lowLinks.set(file, Math.min(lowLinks.get(file)!, lowLinks.get(next)!));
    } else if (onStack.has(next)) {
      lowLinks.set(file, Math.min(lowLinks.get(file)!, indices.get(next)!));
    }
  }
  if (lowLinks.get(file) === indices.get(file)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const file of graph.keys()) if (!indices.has(file)) connect(file);

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`Import cycle among:\n  ${cycle.join("\n  ")}`);
  process.exit(1);
}
console.log(`No import cycles in ${files.length} files.`);
