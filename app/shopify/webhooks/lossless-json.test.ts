import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLosslessJson, quoteLongIntegers } from "./lossless-json";

describe("parseLosslessJson", () => {
  it("keeps every digit of ids above 2^53, in objects and in arrays", () => {
    const body =
      '{"id":820982911946154508,"line_items":[{"id":487817672276298554,"product_id":788032119674292922,' +
      '"quantity":2}],"orders_to_redact":[299938, 9007199254740993 ,18446744073709551615]}';
    expect(parseLosslessJson(body)).toEqual({
      id: "820982911946154508",
      line_items: [{ id: "487817672276298554", product_id: "788032119674292922", quantity: 2 }],
      orders_to_redact: [299938, "9007199254740993", "18446744073709551615"],
    });
    // What JSON.parse does to the same text: the reason for this module.
    expect(String((JSON.parse(body) as { id: number }).id)).toBe("820982911946154500");
  });

  it("leaves strings alone, escaped quotes included", () => {
    const body = String.raw`{"note":"call 12345678901234567890, \"99999999999999999\" \\","gid":"gid://shopify/Order/820982911946154508","n":12345678901234567}`;
    expect(parseLosslessJson(body)).toEqual({
      note: 'call 12345678901234567890, "99999999999999999" \\',
      gid: "gid://shopify/Order/820982911946154508",
      n: "12345678901234567",
    });
  });

  it("leaves short numbers, fractions and exponents as numbers", () => {
    expect(
      parseLosslessJson('{"a":123456789012345,"b":-5,"c":1.25,"d":12345678901234567.5,"e":1e21}'),
    ).toEqual({ a: 123456789012345, b: -5, c: 1.25, d: 12345678901234567.5, e: 1e21 });
  });

  it("keeps invalid JSON invalid", () => {
    for (const body of [
      '{"id":01234567890123456789}',
      '{"id":12345678901234567890',
      '{"id" 12345678901234567890}',
      '{"note":"unterminated 12345678901234567890}',
      "",
    ])
      expect(() => parseLosslessJson(body), body).toThrow(SyntaxError);
  });

  it("returns the text itself when nothing needs quoting", () => {
    const body = '{"id":42,"name":"#1001"}';
    expect(quoteLongIntegers(body)).toBe(body);
  });

  it("parses any JSON as JSON.parse does, except long integers arrive as their text", () => {
    // Big integers are written into random JSON documents; the parse must equal the document with
    // those integers as strings, whatever strings (quotes, backslashes, digits) surround them.
    const big = fc.bigInt({ min: 10n ** 15n, max: 2n ** 64n }).map((n) => ({ big: n.toString() }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.string({ unit: "binary" }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        big,
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    const isBig = (v: unknown): v is { big: string } =>
      typeof v === "object" && v !== null && Object.keys(v).length === 1 && "big" in v;
    // A number whose JSON text is a long integer (a large double prints as one) arrives as that text.
    const asParsed = (n: number) =>
      /^-?\d{16,}$/.test(JSON.stringify(n)) ? JSON.stringify(n) : Object.is(n, -0) ? 0 : n;
    fc.assert(
      fc.property(value, (document) => {
        const literal = JSON.stringify(document, (_key, v: unknown) =>
          isBig(v) ? `@@${v.big}@@` : v,
        ).replace(/"@@(\d+)@@"/g, "$1");
        const expected = JSON.parse(
          JSON.stringify(document, (_key, v: unknown) =>
            isBig(v) ? v.big : typeof v === "number" ? asParsed(v) : v,
          ),
        );
        expect(parseLosslessJson(literal)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
