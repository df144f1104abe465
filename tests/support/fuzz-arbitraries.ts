// Generators of hostile input: values of the wrong type or range, numbers as strings, NaN-like and
// negative amounts, unicode, huge arrays, deep nesting — and valid documents with one such value
// swapped in (or a field removed), which reach further into the code than pure garbage does.
import fc from "fast-check";

const deep = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = level % 2 ? { a: value } : [value];
  return value;
};

/** Numbers and strings that look like amounts but are not valid ones (or are extreme). */
export const amountLike = fc.constantFrom<unknown>(
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "1e3",
  "0x10",
  "-0.00",
  "-5.00",
  "12.345",
  "12.",
  ".5",
  " 12.50",
  "12,50",
  "99999999999999999999.99",
  "9007199254740993",
  "21474836.48",
  "2147483648",
  "-2147483649",
  "",
  "٣٫٥٠",
  "１２.５０",
  -1,
  -0,
  0.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31) - 1,
  12.5,
);

/** Anything that can stand where a field was expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  amountLike,
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    {},
    [],
    "null",
    "true",
    "0",
    "-1",
    "gid://shopify/Customer/-1",
    "gid://shopify/Order/1' OR '1'='1",
    '\'; DROP TABLE "Customer"; --',
    "\u0000",
    "\ud800",
    "💥".repeat(300),
    "x".repeat(100_000),
  ),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 10, max: 500 }).map((depth) => deep(depth, 1)),
  fc
    .integer({ min: 1000, max: 20_000 })
    .map((length) => Array.from({ length }, (_, index) => index)),
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(value))
    value.slice(0, 3).forEach((item, index) => pathsOf(item, [...prefix, index], out));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
  return out;
}

function withChange(
  base: unknown,
  path: Path,
  change: { remove: true } | { value: unknown },
): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if ("remove" in change) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = change.value;
  return copy;
}

/** Flips the type of a scalar the way sloppy senders do: numbers as strings and back. */
const flipped = (value: unknown): unknown =>
  typeof value === "number"
    ? String(value)
    : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)
      ? Number(value)
      : value;

/** A value of the same kind as `original` but wrong or extreme: where validation is most likely to slip. */
function nearMiss(original: unknown): fc.Arbitrary<unknown> {
  if (typeof original === "string" && /^-?\d+(\.\d+)?$/.test(original)) {
    return fc.oneof(
      amountLike.filter((value) => typeof value === "string"),
      fc
        .bigInt({ min: 0n, max: 10n ** 25n })
        .map((n) => `${n}.${String(n % 1000n).padStart(3, "0")}`),
    );
  }
  if (typeof original === "string" && /^[A-Z]{3}$/.test(original))
    return fc.constantFrom(
      "usd",
      "US",
      "USDX",
      "XXX",
      "ZZZ",
      "€€€",
      "JPY",
      "KWD",
      "BHD",
      "CLF",
      "",
    );
  if (typeof original === "string" && original.startsWith("gid://"))
    return fc.constantFrom(
      "gid://shopify/Customer/",
      "gid://shopify/Customer/-5",
      "gid://shopify/Customer/1.5",
      `${original}/../2`,
      "gid://shopify/Customer/99999999999999999999999",
    );
  if (typeof original === "string")
    return fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 300 }),
      fc.constantFrom(
        "",
        "2026-13-45T25:61:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59+14:00",
        "x".repeat(10_000),
      ),
    );
  if (typeof original === "number")
    return fc.oneof(
      amountLike.filter((value) => typeof value === "number"),
      fc.integer({ min: -1000, max: 2_000_000 }),
      fc.constant(original + 0.5),
    );
  return hostileValue;
}

/**
 * A valid document with 1–3 fields removed, type-flipped, nudged out of range or replaced by hostile
 * values. `focus` (e.g. the document as the endpoint's schema parsed it, unknown keys stripped) limits
 * the changes to the fields the endpoint reads, where a slip matters.
 */
export function mutated(base: unknown, focus: unknown = base): fc.Arbitrary<unknown> {
  const paths = pathsOf(focus);
  const change = fc
    .constantFrom(...paths)
    .chain((path) =>
      fc.tuple(
        fc.constant(path),
        fc.oneof(
          { weight: 1, arbitrary: fc.constant({ remove: true as const }) },
          { weight: 1, arbitrary: fc.constant({ flip: true as const }) },
          { weight: 3, arbitrary: nearMiss(getAt(base, path)).map((value) => ({ value })) },
          { weight: 2, arbitrary: hostileValue.map((value) => ({ value })) },
        ),
      ),
    );
  return fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    let document = base;
    for (const [path, what] of changes) {
      try {
        document =
          "flip" in what
            ? withChange(document, path, { value: flipped(getAt(document, path)) })
            : withChange(document, path, what);
      } catch {
        // An earlier change removed this path's parent: skip it.
      }
    }
    return document;
  });
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown>)[key],
    value,
  );
}

/** Raw bodies that are not the JSON an endpoint expects (or not JSON at all). */
export const garbageBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "null",
    "[]",
    "{}",
    '"text"',
    '{"a":',
    "{'single': 'quotes'}",
    "\u0000\u0001",
    '{"__proto__": {"polluted": true}}',
    "NaN",
    "[".repeat(100_000),
    '{"a":'.repeat(50_000),
  ),
  // Valid JSON nested deeper than any recursive walker's stack.
  fc
    .integer({ min: 1000, max: 200_000 })
    .map((depth) => `${"[".repeat(depth)}1${"]".repeat(depth)}`),
  fc
    .integer({ min: 1000, max: 100_000 })
    .map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? "null"),
  hostileValue.map((value) => JSON.stringify(value) ?? "null"),
);

/** Any JSON document: a mutated valid one (most), or garbage. */
export function hostileBody(valid: unknown, focus?: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: mutated(valid, focus).map((document) => JSON.stringify(document)) },
    { weight: 1, arbitrary: garbageBody },
  );
}
