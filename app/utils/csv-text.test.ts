import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CsvTextError, decodeText, detectDelimiter, sniffCsv } from "./csv-text";

const fixture = (name: string) => readFileSync(`tests/fixtures/import/${name}`);

async function decodeAll(
  bytes: Uint8Array,
  chunk: number,
  encoding: Parameters<typeof decodeText>[1],
) {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += chunk) chunks.push(bytes.subarray(at, at + chunk));
  let text = "";
  for await (const part of decodeText(chunks, encoding)) text += part;
  return text;
}

describe("telling how a CSV is written (issue 19)", () => {
  it("Excel's regional files: Windows-1251 and -1250 with ';', Windows-1252 with ','", () => {
    expect(sniffCsv(fixture("excel-ru-windows-1251.csv"))).toEqual({
      ok: true,
      encoding: "windows-1251",
      delimiter: ";",
    });
    expect(sniffCsv(fixture("excel-pl-windows-1250.csv"))).toEqual({
      ok: true,
      encoding: "windows-1250",
      delimiter: ";",
    });
    expect(sniffCsv(fixture("excel-de-windows-1252.csv"))).toEqual({
      ok: true,
      encoding: "windows-1252",
      delimiter: ",",
    });
    expect(sniffCsv(fixture("excel-utf8-bom-semicolon.csv"))).toEqual({
      ok: true,
      encoding: "utf-8",
      delimiter: ";",
    });
    expect(sniffCsv(fixture("smile-points.csv"))).toEqual({
      ok: true,
      encoding: "utf-8",
      delimiter: ",",
    });
  });

  it("the merchant's choice wins over detection", () => {
    expect(
      sniffCsv(fixture("excel-pl-windows-1250.csv"), { encoding: "windows-1252", delimiter: "," }),
    ).toEqual({ ok: true, encoding: "windows-1252", delimiter: "," });
  });

  it("decodes names exactly, whatever the chunking, and never stores replacement characters", async () => {
    const ru = await decodeAll(fixture("excel-ru-windows-1251.csv"), 7, "windows-1251");
    expect(ru).toContain("Иван;Петров;1\u00a0500");
    const pl = await decodeAll(fixture("excel-pl-windows-1250.csv"), 5, "windows-1250");
    expect(pl).toContain("Łukasz;Wójcik");
    expect(pl).toContain("Żółtowska-Gęś");
    const de = await decodeAll(fixture("excel-de-windows-1252.csv"), 3, "windows-1252");
    expect(de).toContain("Jürgen,Müller");
    // A UTF-8 character split across chunks is kept whole.
    expect(await decodeAll(Buffer.from("a,Łukasz\r\n"), 3, "utf-8")).toBe("a,Łukasz\r\n");
    // Latin-1 bytes read as UTF-8 stop with a message (no "J�rgen M�ller").
    await expect(decodeAll(fixture("excel-de-windows-1252.csv"), 64, "utf-8")).rejects.toThrow(
      CsvTextError,
    );
  });

  it("refuses what is not a CSV file, and an empty file, with a clear message", () => {
    expect(sniffCsv(fixture("not-a-csv.png.csv"))).toMatchObject({
      ok: false,
      message: "This is not a CSV file: it is a PNG image.",
      failure: { code: "notCsv", values: { kind: "png" } },
    });
    expect(sniffCsv(fixture("empty.csv"))).toEqual({
      ok: false,
      message: "The file is empty.",
      failure: { code: "empty" },
    });
    expect(sniffCsv(Buffer.from("PK\u0003\u0004rest"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^This is not a CSV file: it looks like an Excel workbook/),
    });
    expect(sniffCsv(Buffer.from([0x41, 0x00, 0x42, 0x2c]))).toMatchObject({ ok: false });
  });

  it("the separator is counted outside quotes", () => {
    expect(detectDelimiter('"a;b",c\r\nx;y;z')).toBe(",");
    expect(detectDelimiter("email\tpoints")).toBe("\t");
    expect(detectDelimiter("email")).toBe(",");
  });
});
