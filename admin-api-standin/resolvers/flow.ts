// flowTriggerReceive: Shopify starts the workflows that begin with the trigger `handle`. The stand-in
// records what it received; like Shopify it refuses a missing handle, the deprecated `body`
// together with `payload`, a payload that is not an object, and payloads over Flow's 50 KB.
import { userError, type ResolverContext } from "../resolver-kit";

const MAX_PAYLOAD_BYTES = 50_000;

interface FlowTriggerReceiveArgs {
  handle?: string | null;
  payload?: unknown;
  body?: string | null;
}

export function flowTriggerReceive(args: FlowTriggerReceiveArgs, { shop, now }: ResolverContext) {
  if (args.body != null)
    return { userErrors: [userError(["body"], "Use payload and handle; body is deprecated.")] };
  if (!args.handle) return { userErrors: [userError(["handle"], "Handle can't be blank.")] };
  if (args.payload === null || typeof args.payload !== "object" || Array.isArray(args.payload)) {
    return { userErrors: [userError(["payload"], "Payload must be a JSON object.")] };
  }
  if (new TextEncoder().encode(JSON.stringify(args.payload)).length > MAX_PAYLOAD_BYTES) {
    return { userErrors: [userError(["payload"], "Payload is too large.")] };
  }
  shop.flowTriggers.push({
    handle: args.handle,
    payload: args.payload as Record<string, unknown>,
    receivedAt: now.toISOString(),
  });
  return { userErrors: [] };
}
