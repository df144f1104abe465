// The one contract every admin form's action answers with (decision 034): a result union with a
// `status`, field errors keyed by the field's path ("badges.0.bonusPoints") holding a sentence for
// a merchant, and the HTTP status that goes with each outcome. Routes switch on a named intent and
// answer an unknown one with 400 (`unknownIntent`).
import { json } from "@remix-run/node";
import type { z } from "zod";
import {
  fieldErrorsOf,
  plainIssueMessage,
  toFieldErrors,
  type FieldErrors,
} from "~/loyalty/plain-issues";

export { fieldErrorsOf, toFieldErrors, type FieldErrors };

export type FormFailure =
  | { status: "invalid"; errors: FieldErrors }
  /** Someone else saved first (409): reload to see their change. */
  | { status: "conflict"; message: string }
  | { status: "bad_request"; message: string };

/** Parses form fields with a schema, plain messages for issues the schema does not word itself. */
export function parseFields<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input, { error: plainIssueMessage });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    errors: toFieldErrors(
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    ),
  };
}

export function invalid(errors: FieldErrors) {
  return json({ status: "invalid" as const, errors }, { status: 422 });
}

export function conflict(message: string) {
  return json({ status: "conflict" as const, message }, { status: 409 });
}

export function badRequest(message: string) {
  return json({ status: "bad_request" as const, message }, { status: 400 });
}

export function unknownIntent(intent: unknown, known: readonly string[]) {
  return badRequest(
    `Unknown form action ${JSON.stringify(String(intent ?? ""))}; expected one of ${known.join(", ")}`,
  );
}
