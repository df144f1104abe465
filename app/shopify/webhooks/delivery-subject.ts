// The order and customer a delivery concerns, read from its raw body where Shopify put them: shown
// beside a dead letter and used by customers/redact to find the ones it must erase. Ids are read as
// their exact decimal text (design §7), never through a float.

export interface DeliverySubject {
  shopifyOrderId: string | null;
  shopifyCustomerId: string | null;
}

type Node = Record<string, unknown>;
type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

/** JSON.parse keeping integers as their source text (Node 22's reviver context). */
function parseExact(body: string): unknown {
  const keepDigits: Reviver = (_key, value, context) =>
    typeof value === "number" && context?.source !== undefined ? context.source : value;
  return JSON.parse(body, keepDigits as Parameters<typeof JSON.parse>[1]);
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function idIn(node: unknown): string | null {
  if (!isNode(node)) return null;
  const gid = node.admin_graphql_api_id;
  if (typeof gid === "string" && /\/\d+$/.test(gid)) return gid.split("/").pop()!;
  const id = node.id;
  return typeof id === "string" && /^\d+$/.test(id) ? id : null;
}

const digits = (value: unknown) =>
  typeof value === "string" && /^\d+$/.test(value) ? value : null;

export function deliverySubject(topic: string, body: string): DeliverySubject {
  let payload: unknown;
  try {
    payload = parseExact(body);
  } catch {
    return { shopifyOrderId: null, shopifyCustomerId: null };
  }
  if (!isNode(payload)) return { shopifyOrderId: null, shopifyCustomerId: null };
  if (topic.startsWith("orders/"))
    return { shopifyOrderId: idIn(payload), shopifyCustomerId: idIn(payload.customer) };
  if (topic === "refunds/create")
    return { shopifyOrderId: digits(payload.order_id), shopifyCustomerId: null };
  if (topic.startsWith("customers/"))
    return {
      shopifyOrderId: null,
      shopifyCustomerId: topic === "customers/create" ? idIn(payload) : idIn(payload.customer),
    };
  return { shopifyOrderId: null, shopifyCustomerId: null };
}
