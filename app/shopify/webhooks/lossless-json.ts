// Parses a webhook body so that no id loses digits (design §7, docs/decisions/028). Shopify ids are
// 64-bit and REST payloads send them as JSON numbers; JSON.parse turns 820982911946154508 into
// 820982911946154500. Every integer literal of 16 digits or more (the shortest that can pass 2^53)
// outside a string is quoted before JSON.parse, so it arrives as its exact decimal text; shorter
// numbers are exact as numbers and stay numbers. Quoting only changes numbers into strings, so valid
// JSON stays valid with the same structure, and invalid JSON stays invalid (a literal with a leading
// zero, a fraction or an exponent is left as it is). One pass over the text and one JSON.parse: a
// JSON.parse reviver reading `context.source` was 5x slower (bench/RESULTS.md, 2026-12-07).

/** Integer literals that can exceed Number.MAX_SAFE_INTEGER: 16 digits or more. */
const LONG_DIGITS = 16;
const CANONICAL_INTEGER = /^-?[1-9]\d*$/;

const QUOTE = 34; // "
const BACKSLASH = 92;
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

function isNumberChar(code: number): boolean {
  // Digits, sign, decimal point and exponent: the characters a JSON number literal is made of.
  return (
    (code >= ZERO && code <= NINE) ||
    code === MINUS ||
    code === 43 || // +
    code === 46 || // .
    code === 101 || // e
    code === 69 // E
  );
}

/** The text with every long integer literal outside strings put in quotes. */
export function quoteLongIntegers(text: string): string {
  let out = "";
  let copied = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skip the string: find its closing quote, one not escaped by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end < 0) return text; // unterminated: JSON.parse reports it
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      i = end + 1;
    } else if ((code >= ZERO && code <= NINE) || code === MINUS) {
      const start = i;
      i++;
      while (i < length && isNumberChar(text.charCodeAt(i))) i++;
      if (i - start - (code === MINUS ? 1 : 0) >= LONG_DIGITS) {
        const literal = text.slice(start, i);
        if (CANONICAL_INTEGER.test(literal)) {
          out += `${text.slice(copied, start)}"${literal}"`;
          copied = i;
        }
      }
    } else {
      i++;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** JSON.parse, except that integers that could lose digits arrive as their exact decimal text. */
export function parseLosslessJson(text: string): unknown {
  return JSON.parse(quoteLongIntegers(text));
}
