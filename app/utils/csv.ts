// RFC 4180 CSV lines. A text cell that a spreadsheet would run as a formula (=, +, -, @ first) is
// prefixed with an apostrophe: names and reasons come from shoppers and staff (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Starts every CSV download, so Excel opens it as UTF-8 (importing strips it again). */
export const CSV_BOM = "\ufeff";

export type CsvCell = string | number | boolean | null | undefined | Date;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !NUMBER.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(cell).join(",")}\r\n`;
}

export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  return csvLine(header) + rows.map(csvLine).join("");
}
