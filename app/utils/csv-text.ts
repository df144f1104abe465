// How an uploaded CSV is written: its text encoding and column separator, told from its first bytes
// (docs/csv-import.md, decision 031). Spreadsheets write CSV in the locale's code page and
// separator: Excel in Russian writes `;`-separated Windows-1251, in Polish `;`-separated
// Windows-1250, in western Europe Windows-1252; "CSV UTF-8" adds a BOM; "Unicode text" is UTF-16
// with tabs. Decoding uses the platform's TextDecoder (full ICU in Node 22). Why a file is refused is
// coded (decision 053): the Import page words it in the reader's language. Pure.
import {
  ImportFailedError,
  refuseFile,
  type FileRefused,
  type ImportFailure,
} from "../loyalty/import-problem";

export const ENCODINGS = [
  "utf-8",
  "windows-1252",
  "windows-1250",
  "windows-1251",
  "utf-16le",
] as const;
export type TextEncodingName = (typeof ENCODINGS)[number];
export const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How many bytes of the file are looked at to tell its encoding. */
export const SNIFF_BYTES = 256 * 1024;

export type Sniffed = { ok: true; encoding: TextEncodingName; delimiter: Delimiter } | FileRefused;

const startsWith = (bytes: Uint8Array, ...prefix: number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/** Files that are surely not CSV, by their first bytes: a clear message instead of parser errors. */
function notCsv(head: Uint8Array): ImportFailure | null {
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0xd0, 0xcf, 0x11, 0xe0))
    return { code: "excelWorkbook" };
  const kinds: [number[], "png" | "jpeg" | "gif" | "pdf" | "gzip"][] = [
    [[0x89, 0x50, 0x4e, 0x47], "png"],
    [[0xff, 0xd8, 0xff], "jpeg"],
    [[0x47, 0x49, 0x46, 0x38], "gif"],
    [[0x25, 0x50, 0x44, 0x46], "pdf"],
    [[0x1f, 0x8b], "gzip"],
  ];
  for (const [magic, kind] of kinds)
    if (startsWith(head, ...magic)) return { code: "notCsv", values: { kind } };
  // Text has no NUL bytes and hardly any other control characters (tab, CR, LF, FF are text).
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return { code: "binary" };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (control > Math.max(2, head.length / 100)) return { code: "binary" };
  return null;
}

const isCyrillic = (char: string) => char >= "\u0400" && char <= "\u04ff";
const isAsciiLetter = (char: string) => /[A-Za-z]/.test(char);
const isLatinExtended = (char: string) =>
  char >= "\u00c0" && char <= "\u024f" && char !== "\u00d7" && char !== "\u00f7";

/**
 * How plausible a decoding of the sample is: words are runs between separators; a word mixing
 * scripts, holding a symbol between letters (`£ukasz`: Polish Ł read as Windows-1252), or made
 * mostly of accented Latin letters (`Èâàí`: Russian read as Windows-1252) counts against it.
 */
export function plausibility(text: string): number {
  let score = 0;
  for (const word of text.split(/[\s,;\t|"'()[\]{}<>.:/\\!?@#&*+=_-]+|\d+/)) {
    if (!word || /^[\x20-\x7e]*$/.test(word)) continue; // ASCII words read the same in every code page
    const chars = [...word];
    const cyrillic = chars.filter(isCyrillic).length;
    const ascii = chars.filter(isAsciiLetter).length;
    const latin = chars.filter(isLatinExtended).length;
    const other = chars.length - cyrillic - ascii - latin;
    if (other > 0) score -= 10 * other;
    else if (cyrillic && (ascii || latin)) score -= 10;
    else if (latin > 1 && latin > ascii) score -= 5;
    else score += 1;
  }
  return score;
}

/**
 * The encoding of a file from its first bytes: a BOM says it; valid UTF-8 is UTF-8; otherwise the
 * single-byte code page whose reading of the sample is the most plausible (ties: Windows-1252).
 */
export function detectEncoding(head: Uint8Array): TextEncodingName {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return "utf-8";
  if (startsWith(head, 0xff, 0xfe)) return "utf-16le";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return "utf-8";
  } catch {
    // not UTF-8: a single-byte code page
  }
  let best: TextEncodingName = "windows-1252";
  let bestScore = -Infinity;
  for (const encoding of ["windows-1252", "windows-1250", "windows-1251"] as const) {
    const score = plausibility(new TextDecoder(encoding).decode(head));
    if (score > bestScore) [best, bestScore] = [encoding, score];
  }
  return best;
}

/** The separator of the header line: the candidate found most often outside quotes (`,` if none). */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as Delimiter))
      counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ",";
  for (const delimiter of DELIMITERS)
    if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * Tells how the file is written from its first SNIFF_BYTES bytes. `encoding` and `delimiter`, when
 * given, are the merchant's choice and win over detection.
 */
export function sniffCsv(
  head: Uint8Array,
  choice: { encoding?: TextEncodingName | null; delimiter?: Delimiter | null } = {},
): Sniffed {
  if (head.length === 0) return refuseFile({ code: "empty" });
  const encoding =
    choice.encoding ?? (startsWith(head, 0xff, 0xfe) ? "utf-16le" : null) ?? detectEncoding(head);
  if (encoding !== "utf-16le") {
    const refused = notCsv(head);
    if (refused) return refuseFile(refused);
  }
  const text = new TextDecoder(encoding).decode(head);
  if (!text.replace(/^\ufeff/, "").trim()) return refuseFile({ code: "empty" });
  const delimiter =
    choice.delimiter ??
    (encoding === "utf-16le" ? "\t" : detectDelimiter(text.replace(/^\ufeff/, "")));
  return { ok: true, encoding, delimiter };
}

/**
 * Decodes a byte stream of `encoding` to text, chunk by chunk (a character split across chunks is
 * kept for the next). UTF-8 is decoded strictly: a byte sequence that is not UTF-8 stops the import
 * with a message instead of storing replacement characters.
 */
export async function* decodeText(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  encoding: TextEncodingName,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  let offset = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const text = decodeOrExplain(() => decoder.decode(bytes, { stream: true }), offset);
    offset += bytes.length;
    onBytes(offset);
    if (text) yield text;
  }
  const rest = decodeOrExplain(() => decoder.decode(), offset);
  if (rest) yield rest;
}

function decodeOrExplain(decode: () => string, offset: number): string {
  try {
    return decode();
  } catch {
    throw new CsvTextError({ code: "notUtf8", values: { offset } });
  }
}

/** The file's text cannot be decoded in its encoding. */
export class CsvTextError extends ImportFailedError {}
