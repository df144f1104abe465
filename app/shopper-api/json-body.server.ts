// The shopper API's small JSON bodies: read within a size limit (413 past it) and parsed, with
// anything that is not JSON read as null so the caller's schema answers it as a validation error.
import { readLimited } from "~/http/read-limited.server";
import { apiError } from "./authenticate.server";

/** Bodies such as `{"rewardId": "…"}`: anything near this size is not a real request. */
export const SHOPPER_BODY_LIMIT = 16 * 1024;

export async function readShopperJson(
  request: Request,
): Promise<{ body: unknown } | { refused: Response }> {
  const raw = await readLimited(request, SHOPPER_BODY_LIMIT);
  if (raw === null)
    return {
      refused: apiError(
        413,
        "PAYLOAD_TOO_LARGE",
        `Request bodies are limited to ${SHOPPER_BODY_LIMIT} bytes`,
      ),
    };
  try {
    return { body: JSON.parse(raw) };
  } catch {
    return { body: null };
  }
}
