// The admin's document around every page: a title on each, a 404 for an unknown /app/* address
// inside the admin frame, and the browser's /favicon.ico request answered.
import { beforeEach, describe, expect, it } from "vitest";
import type { MetaArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { meta } from "~/root";
import { loader as unknownAdminPage } from "~/routes/app.$";
import { loader as favicon } from "~/routes/favicon[.]ico";
import { installShop } from "../factories/shop";
import { adminRequest, routeResult } from "../support/admin-request";

const shop = "admin-pages-frame.myshopify.com";

beforeEach(async () => {
  await installShop(getDb(), shop);
});

function titleOf(pathname: string): string {
  const tags = meta({ location: { pathname } } as unknown as MetaArgs) as Array<{ title?: string }>;
  return tags.find((tag) => tag.title)?.title ?? "";
}

describe("page titles", () => {
  it("names every admin page in the document title", () => {
    expect(titleOf("/app")).toBe("Home · Tally");
    expect(titleOf("/app/")).toBe("Home · Tally");
    expect(titleOf("/app/members")).toBe("Members · Tally");
    expect(titleOf("/app/members/clx0000000000000000000000")).toBe("Member · Tally");
    expect(titleOf("/app/analytics")).toBe("Analytics · Tally");
    expect(titleOf("/app/analytics/definitions")).toBe("Analytics definitions · Tally");
    expect(titleOf("/app/program")).toBe("Program · Tally");
    expect(titleOf("/app/rewards")).toBe("Rewards · Tally");
    expect(titleOf("/app/rewards/new")).toBe("Reward · Tally");
    expect(titleOf("/app/engagement")).toBe("Engagement · Tally");
    expect(titleOf("/app/import")).toBe("Import · Tally");
    expect(titleOf("/app/jobs")).toBe("Background jobs · Tally");
    expect(titleOf("/app/no/such/page")).toBe("Not found · Tally");
    expect(titleOf("/")).toBe("Tally");
  });
});

describe("an unknown admin address", () => {
  it("is a 404 with the admin's message, answered by a route inside the admin frame", async () => {
    const result = await routeResult(async () =>
      unknownAdminPage({
        request: await adminRequest(shop, "/app/no-such-page"),
        params: { "*": "no-such-page" },
        context: {},
      }),
    );
    expect(result).toEqual({ status: 404, body: { message: "There is no page at this address." } });
  });
});

describe("/favicon.ico", () => {
  it("redirects to the app's icon instead of a 404", () => {
    const response = favicon();
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/favicon.svg");
  });
});
