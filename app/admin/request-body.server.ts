// JSON bodies of the admin's fetcher submissions: malformed input is a 400, never a crash.
import { json } from "@remix-run/node";

export async function readJsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await request.json();
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw json({ error: "The request body must be a JSON object" }, { status: 400 });
}
