// GET /healthz: for load balancers and the demo launcher; 200 when the database answers.
import { getDb } from "~/db.server";

export async function loader() {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable", { status: 503 });
  }
}
