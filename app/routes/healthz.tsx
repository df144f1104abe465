// GET /healthz: for load balancers and the demo launcher; 200 when the database answers.
import { databaseAnswers } from "~/services/process-handles.server";

export async function loader() {
  if (await databaseAnswers())
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  return new Response("database unavailable", { status: 503 });
}
