// POST /api/loyalty/birthday {month, day} — the signed-in shopper sets their own birthday (decision
// 032). POST rather than PUT: Shopify's CORS preflight answer names no methods, so browsers allow
// only the simple ones. Once set, it can be changed again after 365 days (409 BIRTHDAY_LOCKED).
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { ShopperBirthday } from "~/contracts/shopper-api";
import { validBirthday } from "~/loyalty/birthday";
import { setShopperBirthday } from "~/services/birthdays.server";
import { installedShop, withSql } from "~/services/process-handles.server";
import { readShopperJson } from "~/shopper-api/json-body.server";
import { apiError, authenticateShopper, LOGIN_REQUIRED } from "~/shopper-api/authenticate.server";

const body = z.object({ month: z.number(), day: z.number() }).strict();
const HINT = 'Send a JSON body like {"month": 3, "day": 14} with a real day of the year';

export async function action({ request }: ActionFunctionArgs) {
  const shopper = await authenticateShopper(request);
  if (request.method !== "POST") return apiError(405, "METHOD_NOT_ALLOWED", "Use POST");
  if (!shopper.shopifyCustomerId) return LOGIN_REQUIRED();
  const read = await readShopperJson(request);
  if ("refused" in read) return read.refused;
  const parsed = body.safeParse(read.body);
  const birthday = parsed.success ? validBirthday(parsed.data.month, parsed.data.day) : null;
  if (!birthday) return apiError(422, "VALIDATION_FAILED", HINT);
  const shop = await installedShop(shopper.shop);
  if (!shop) return apiError(404, "SHOP_NOT_INSTALLED", "This shop does not run a Tally program.");
  const result = await withSql(setShopperBirthday)(
    shop,
    shopper.shopifyCustomerId,
    birthday,
    new Date(),
  );
  switch (result.status) {
    case "not_member":
      return apiError(409, "NOT_A_MEMBER", "Place an order to join the rewards program first.");
    case "locked":
      return apiError(
        409,
        "BIRTHDAY_LOCKED",
        `Your birthday can be changed again from ${result.changeableFrom.toISOString().slice(0, 10)}.`,
      );
    default: {
      const answer: ShopperBirthday = {
        month: result.birthday.month,
        day: result.birthday.day,
        changeableFrom: result.changeableFrom?.toISOString() ?? null,
      };
      return shopper.cors(json(answer));
    }
  }
}
