// Texts the app stores for staff to read later (why an import row was rejected, why a member's tier
// moved, why a webhook was kept) are stored as a code and its values, and worded when shown, in the
// reader's language (decision 053). Rows stored before that hold an English sentence: shown as is.
// Pure.

/** What a stored text says: a key of a catalogue section and the values its wording takes. */
export interface Coded {
  code: string;
  values?: object;
}

/** A catalogue section of wordings, each taking the values of its code. */
export type Wordings = Record<string, (values: never) => string>;

/** The coded form of the words' entry `code`, as one text cell. */
export type CodedOf<W extends Wordings> = {
  [C in keyof W & string]: Parameters<W[C]>[0] extends undefined
    ? { code: C; values?: undefined }
    : { code: C; values: Parameters<W[C]>[0] };
}[keyof W & string];

export const storeCoded = (coded: Coded): string =>
  JSON.stringify(coded.values === undefined ? { code: coded.code } : coded);

/** The code and values of a stored text, or null for a plain sentence stored before codes. */
export function readCoded(stored: string): Coded | null {
  if (!stored.startsWith('{"code":')) return null;
  try {
    const parsed = JSON.parse(stored) as unknown;
    if (parsed === null || typeof parsed !== "object") return null;
    const { code, values } = parsed as { code?: unknown; values?: unknown };
    if (typeof code !== "string") return null;
    if (values !== undefined && (values === null || typeof values !== "object")) return null;
    return { code, values: values as Record<string, unknown> | undefined };
  } catch {
    return null;
  }
}

/** A coded text in the given words. */
export const wordCoded = <W extends Wordings>(coded: CodedOf<W>, words: W): string =>
  (words[coded.code] as unknown as (values: unknown) => string)(coded.values);

/**
 * A stored text in the given words: its code's wording, or the text itself when it is a sentence
 * stored before codes (or a code these words do not know, e.g. written by a newer version).
 */
export function wordStored(stored: string, words: Wordings): string {
  const coded = readCoded(stored);
  if (!coded || !Object.hasOwn(words, coded.code)) return stored;
  try {
    return (words[coded.code] as unknown as (values: unknown) => string)(coded.values ?? {});
  } catch {
    return stored;
  }
}
