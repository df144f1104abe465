import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, parseWithPlainIssues, toFieldErrors } from "./plain-issues";

const schema = z.object({
  points: z.number().int().min(0).max(1000),
  name: z.string().trim().min(1).max(10),
  kind: z.enum(["a", "b"]),
  note: z.string().min(3, "Say why"),
});

describe("plain issue messages", () => {
  it("words zod's generic issues for a merchant and keeps a schema's own message", () => {
    const result = parseWithPlainIssues(schema, {
      points: "abc",
      name: "",
      kind: "c",
      note: "",
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : toFieldErrors(result.errors)).toEqual({
      points: "Enter a number, using digits only (no commas or spaces)",
      name: "This field is required",
      kind: "Choose one of: a, b",
      note: "Say why",
    });
  });

  it("names bounds and whole numbers", () => {
    const errors = (input: unknown) => {
      const result = parseWithPlainIssues(schema, input);
      return result.ok ? {} : toFieldErrors(result.errors);
    };
    const valid = { points: 1, name: "x", kind: "a", note: "why" };
    expect(errors({ ...valid, points: 1.5 })).toEqual({ points: "Enter a whole number" });
    expect(errors({ ...valid, points: -1 })).toEqual({ points: "Enter 0 or more" });
    expect(errors({ ...valid, points: 5000 })).toEqual({ points: "Enter 1,000 or less" });
    expect(errors({ ...valid, name: "a much too long name" })).toEqual({
      name: "Keep this under 10 characters",
    });
    expect(JSON.stringify(errors({}))).not.toMatch(/Invalid input|expected/);
  });

  it("reads field errors only from an invalid answer", () => {
    expect(fieldErrorsOf({ status: "invalid", errors: { a: "b" } })).toEqual({ a: "b" });
    expect(fieldErrorsOf({ status: "saved" })).toEqual({});
    expect(fieldErrorsOf(undefined)).toEqual({});
  });
});
