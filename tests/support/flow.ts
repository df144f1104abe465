// Shopify Flow as the app sees it: signed action requests (X-Shopify-Hmac-Sha256 over the raw body
// with the app secret) and the trigger extensions' declared fields.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Prisma } from "@prisma/client";
import { getDb } from "~/db.server";
import * as awardBadge from "~/routes/flow.actions.award-badge";
import * as awardPoints from "~/routes/flow.actions.award-points";
import { signBody } from "../factories/webhook-request";
import { TEST_API_SECRET, TEST_APP_URL } from "../setup/test-env";

export interface AwardProperties {
  customer_id?: unknown;
  badge_id?: unknown;
  points?: unknown;
  reason?: unknown;
  event_key?: unknown;
}

export function flowActionBody(
  shop: string,
  properties: AwardProperties,
  actionRunId: string = crypto.randomUUID(),
) {
  return {
    shop_id: 1,
    shopify_domain: shop,
    action_run_id: actionRunId,
    action_definition_id: "award-points-definition",
    handle: "tally-award-points",
    properties,
  };
}

export async function sendFlowAction(
  body: unknown,
  options: { secret?: string; hmac?: string | null; action?: "award-points" | "award-badge" } = {},
): Promise<Response> {
  const action = options.action ?? "award-points";
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const hmac =
    options.hmac === undefined ? signBody(raw, options.secret ?? TEST_API_SECRET) : options.hmac;
  const request = new Request(`${TEST_APP_URL}/flow/actions/${action}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(hmac === null ? {} : { "X-Shopify-Hmac-Sha256": hmac }),
    },
    body: raw,
  });
  return (action === "award-points" ? awardPoints : awardBadge).action({
    request,
    params: {},
    context: {},
  });
}

/** Rows in every table, to prove a refused request wrote nothing. */
export async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of Object.values(Prisma.ModelName)) {
    const [row] = await getDb().$queryRawUnsafe<{ n: bigint | number }[]>(
      `SELECT COUNT(*) AS n FROM "${table}"`,
    );
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The payload keys each trigger extension declares (customer_reference → customer_id). */
export function declaredTriggerKeys(): Map<string, string[]> {
  const root = join(import.meta.dirname, "..", "..", "extensions");
  const triggers = new Map<string, string[]>();
  for (const dir of readdirSync(root)) {
    let toml: string;
    try {
      toml = readFileSync(join(root, dir, "shopify.extension.toml"), "utf8");
    } catch {
      continue;
    }
    if (!/^type\s*=\s*"flow_trigger"/m.test(toml)) continue;
    const handle = /^handle\s*=\s*"([^"]+)"/m.exec(toml)![1];
    const keys = toml
      .split("[[settings.fields]]")
      .slice(1)
      .map((field) =>
        /type\s*=\s*"customer_reference"/.test(field)
          ? "customer_id"
          : /key\s*=\s*"([^"]+)"/.exec(field)![1],
      );
    triggers.set(handle, keys.sort());
  }
  return triggers;
}
