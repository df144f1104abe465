// Calls a route's loader or action as Remix does, answering a thrown Response (Remix's way of
// refusing: 401, 404 …) as the Response, and rethrowing anything else.
import type { ActionFunctionArgs } from "@remix-run/node";

export async function callRoute(
  handler: (args: ActionFunctionArgs) => Promise<Response>,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
