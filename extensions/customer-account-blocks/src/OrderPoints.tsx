// The order status page's block: what this order earned (credited), will earn and from when
// (pending), or that it earns nothing. One call when the page opens; any failure, an order Tally does
// not know yet, or an unpaid order shows nothing rather than an error on the shopper's order page.
import { useEffect, useState } from "preact/hooks";
import type { Api } from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { resolveAppUrl } from "../../shared/app-url";
import { orderPoints, type OrderPoints } from "../../shared/shopper-api";
import { useSignalValue } from "../../shared/use-signal-value";

export type OrderStatusApi = Pick<Api, "i18n" | "order" | "sessionToken">;

export function OrderPointsBlock({ api }: { api: OrderStatusApi }) {
  const { i18n } = api;
  const order = useSignalValue(api.order);
  const [points, setPoints] = useState<OrderPoints | null>(null);
  useEffect(() => {
    const baseUrl = resolveAppUrl();
    if (!baseUrl || !order?.id) return;
    let current = true;
    orderPoints({ baseUrl, sessionToken: api.sessionToken }, order.id).then(
      (answer) => current && setPoints(answer),
      () => {}, // the order page stays as Shopify renders it
    );
    return () => {
      current = false;
    };
  }, [order?.id]);

  if (!points || points.status === "not_paid") return null;
  // Not shared/messages.ts: it brings the status and error messages this block never shows.
  const amount = i18n.translate("points", {
    count: points.points,
    points: i18n.formatNumber(points.points),
  });
  let heading: string;
  let detail: string | null = null;
  if (points.status === "credited") {
    heading = i18n.translate("order.earned", { points: amount });
  } else if (points.status === "pending") {
    heading = i18n.translate("order.pending", { points: amount });
    detail =
      points.availableAt &&
      i18n.translate("order.availableOn", {
        date: i18n.formatDate(new Date(points.availableAt), { dateStyle: "long" }),
      });
  } else {
    heading = i18n.translate("order.none");
  }
  return (
    <s-section heading={i18n.translate("order.heading")}>
      <s-stack gap="small-200">
        <s-text type="strong">{heading}</s-text>
        {detail && <s-text color="subdued">{detail}</s-text>}
      </s-stack>
    </s-section>
  );
}
