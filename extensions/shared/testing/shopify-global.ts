// Test doubles around the tester's `shopify` mock, which is static (its signals never notify), has no
// `buyerIdentity` and rejects properties it does not know.

/** A subscribable like the host's, whose `set` notifies subscribers (to test re-rendering). */
export function testSignal<T>(initial: T) {
  let value = initial;
  const listeners = new Set<(next: T) => void>();
  return {
    get value() {
      return value;
    },
    get current() {
      return value;
    },
    subscribe(listener: (next: T) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async destroy() {
      listeners.clear();
    },
    set(next: T) {
      value = next;
      for (const listener of listeners) listener(next);
    },
  };
}

/** Replaces the global `shopify` with the tester's mock plus `overrides` (set before render()). */
export function installShopify<T extends object, O extends Record<string, unknown>>(
  mock: T,
  overrides: O,
): T & O {
  const api = { ...mock, ...overrides };
  (globalThis as { shopify?: unknown }).shopify = api;
  return api;
}

/** Checkout's buyerIdentity for a logged-in customer (or a guest with `null`). */
export function buyerIdentity(customerId: string | null) {
  const none = testSignal(undefined);
  return {
    customer: testSignal(customerId ? { id: customerId } : undefined),
    email: none,
    phone: none,
    purchasingCompany: none,
  };
}

/** `shopify.appMetafields` entries holding `$app:loyalty.status` with `value`. */
export function statusMetafield(value: unknown) {
  return [
    {
      target: { type: "customer" as const, id: "gid://shopify/Customer/1" },
      metafield: {
        namespace: "$app:loyalty",
        key: "status",
        value: JSON.stringify(value),
        valueType: "json_string" as const,
      },
    },
  ];
}
