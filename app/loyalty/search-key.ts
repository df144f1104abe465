// What the members search compares: names and emails folded to lower case without accents, so
// "zofia.muller" finds "zofia.müller@…" and "lukasz" finds "Łukasz" (docs/decisions/035). The keys
// are stored on the member when it is written and searched by prefix over an index (decision 010).
// Pure; the same function folds what staff type.

// Letters NFKD does not decompose into a base letter and a mark.
const LETTERS: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  ı: "i",
};
const SPECIAL = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "gu");

/** "  Zofia  MÜLLER " → "zofia muller"; nothing left → "". */
export function foldForSearch(text: string): string {
  return text
    .replace(SPECIAL, (letter) => LETTERS[letter])
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
}

export interface MemberSearchKeys {
  /** "first last", folded: a search by first name or by full name. */
  searchName: string | null;
  /** "last first", folded: a search by surname. */
  searchSurname: string | null;
  /** The email, folded. */
  searchEmail: string | null;
}

const keyOf = (...parts: (string | null | undefined)[]) =>
  foldForSearch(parts.filter(Boolean).join(" ")) || null;

export function memberSearchKeys(member: {
  email: string | null | undefined;
  firstName: string | null | undefined;
  lastName: string | null | undefined;
}): MemberSearchKeys {
  return {
    searchName: keyOf(member.firstName, member.lastName),
    searchSurname: keyOf(member.lastName, member.firstName),
    searchEmail: keyOf(member.email),
  };
}
