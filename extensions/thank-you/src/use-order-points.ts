// What Tally credited for this order, asked of the app once the page has rendered its estimate.
// The order's webhook can reach the app a few seconds after the buyer lands here, so "not known yet"
// (404 ORDER_NOT_FOUND), "known but not paid yet" and transient failures are asked again a few
// times, then the page keeps its estimate. Any other failure keeps the estimate at once: the
// thank-you page never shows an error for this.
import { useEffect, useState } from "preact/hooks";
import {
  orderPoints,
  ShopperApiError,
  type OrderPoints,
  type ShopperApiOptions,
} from "../../shared/shopper-api";

/** Waits before each retry: five requests over about 18 seconds at most. */
export const RETRY_DELAYS_MS = [2_000, 3_000, 5_000, 8_000];

function worthRetrying(error: unknown): boolean {
  return (
    error instanceof ShopperApiError &&
    (error.code === "ORDER_NOT_FOUND" || error.code === "NETWORK" || error.status >= 500)
  );
}

/** Null until the app has an answer worth showing (or when `options` or `orderId` is missing). */
export function useOrderPoints(
  options: ShopperApiOptions | null,
  orderId: string | undefined,
): OrderPoints | null {
  const [order, setOrder] = useState<OrderPoints | null>(null);
  useEffect(() => {
    if (!options || !orderId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const ask = async () => {
      let again: boolean;
      try {
        const answer = await orderPoints(options, orderId);
        if (stopped) return;
        setOrder(answer);
        again = answer.status === "not_paid"; // paid moments later, usually (orders/paid after orders/create)
      } catch (error) {
        again = worthRetrying(error);
      }
      if (again && !stopped && attempt < RETRY_DELAYS_MS.length)
        timer = setTimeout(ask, RETRY_DELAYS_MS[attempt++]);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [options, orderId]);
  return order;
}
