// Bodies of the admin's submissions: JSON drafts (fetchers with encType application/json) and forms.
// Read through the shared byte limit before any parsing, so an oversized body is a 413 and malformed
// input a 4xx JSON refusal the page can show (`{error}`, in the admin's language), never a crash.
import { json } from "@remix-run/node";
import { adminText } from "../i18n";
import { readLimitedBytes } from "../http/read-limited.server";

/** Far above any real draft (a program with every list full is a few tens of KB), far below harm. */
export const ADMIN_MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) =>
  json({ error: adminText.errors.requestTooLarge(Math.round(limit / 1024)) }, { status: 413 });

export async function readJsonBody(
  request: Request,
  limit = ADMIN_MAX_BODY_BYTES,
): Promise<Record<string, unknown>> {
  const bytes = await readLimitedBytes(request, limit);
  if (bytes === null) throw tooLarge(limit);
  try {
    const body: unknown = JSON.parse(Buffer.from(bytes).toString("utf8"));
    if (body && typeof body === "object" && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw json({ error: adminText.errors.requestNotJson }, { status: 400 });
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** A form post (urlencoded or multipart) read within the limit; anything else is refused with a 4xx. */
export async function readFormBody(
  request: Request,
  limit = ADMIN_MAX_BODY_BYTES,
): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.test(contentType))
    throw json({ error: adminText.errors.formType }, { status: 415 });
  const bytes = await readLimitedBytes(request, limit);
  if (bytes === null) throw tooLarge(limit);
  try {
    return await new Request(request.url, {
      method: "POST",
      headers: { "Content-Type": contentType },
      body: Buffer.from(bytes),
    }).formData();
  } catch {
    throw json({ error: adminText.errors.formUnreadable }, { status: 400 });
  }
}

/** A form's text fields; a file where text was expected counts as an empty field. */
export async function readFormFields(
  request: Request,
  limit = ADMIN_MAX_BODY_BYTES,
): Promise<Record<string, string>> {
  const form = await readFormBody(request, limit);
  const fields: Record<string, string> = {};
  for (const [name, value] of form) fields[name] = typeof value === "string" ? value : "";
  return fields;
}
