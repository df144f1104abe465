// Input a schema rejects without a message of its own gets a sentence a merchant understands
// ("Enter a number") instead of zod's developer text ("Invalid input: expected number, received
// string"). Used as the per-parse error map of every admin-facing schema: a message written on the
// schema itself still wins (zod consults it first).
import type { z } from "zod";
import { adminText } from "../i18n";

const t = adminText.validation;

type Issue = z.core.$ZodRawIssue;

export function plainIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "bigint") return t.number;
      if (issue.expected === "int") return t.wholeNumber;
      if (issue.expected === "string") return t.text;
      if (issue.expected === "boolean") return t.yesNo;
      if (issue.expected === "array") return t.list;
      return t.required;
    case "invalid_value":
      return t.choose(issue.values.map(String));
    case "too_small":
      if (issue.origin === "string") return t.textAtLeast(issue.minimum);
      if (issue.origin === "array" || issue.origin === "set") return t.listAtLeast(issue.minimum);
      return t.atLeast(issue.minimum, issue.inclusive ?? true);
    case "too_big":
      if (issue.origin === "string") return t.textAtMost(issue.maximum);
      if (issue.origin === "array" || issue.origin === "set") return t.listAtMost(issue.maximum);
      return t.atMost(issue.maximum, issue.inclusive ?? true);
    case "invalid_format":
      return t.format;
    // A discriminated union's unknown tag ("mode": "sometimes") lists the tags it accepts.
    case "invalid_union":
      return "options" in issue && Array.isArray(issue.options)
        ? t.choose(issue.options.map(String))
        : t.invalid;
    default:
      return t.invalid;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** Field path → the message to show under that field. */
export type FieldErrors = Record<string, string>;

/** The first message per field: it is the one to fix first; later ones usually follow from it. */
export function toFieldErrors(errors: FieldIssue[]): FieldErrors {
  const byPath: FieldErrors = {};
  for (const error of errors) byPath[error.path] ??= error.message;
  return byPath;
}

/** Parses with plain messages; issues keyed by their dotted path ("badges.0.bonusPoints"). */
export function parseWithPlainIssues<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldIssue[] } {
  const result = schema.safeParse(input, { error: plainIssueMessage });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    })),
  };
}

/** Field errors of an action's answer, or none. */
export function fieldErrorsOf(data: unknown): FieldErrors {
  if (typeof data !== "object" || data === null) return {};
  const record = data as { status?: unknown; errors?: unknown };
  return record.status === "invalid" && typeof record.errors === "object" && record.errors !== null
    ? (record.errors as FieldErrors)
    : {};
}
