// The purchase.checkout.block.render entry renders the same block as the reductions target.
import { getExtension } from "@shopify/ui-extensions-tester";
import { render } from "preact";
import { afterEach, beforeEach, expect, it } from "vitest";
import { all, bodyText } from "../../shared/testing/dom";
import { localeI18n } from "../../shared/testing/locale-i18n";
import {
  buyerIdentity,
  installShopify,
  statusMetafield,
  testSignal,
} from "../../shared/testing/shopify-global";
import en from "../locales/en.default.json";

const extension = getExtension("purchase.checkout.block.render");

beforeEach(() => extension.setUp());
afterEach(() => {
  render(null, document.body);
  extension.tearDown();
});

it("renders balance, progress and the rewards button", async () => {
  installShopify(extension.shopify, {
    buyerIdentity: buyerIdentity("gid://shopify/Customer/1"),
    appMetafields: testSignal(
      statusMetafield({
        v: 1,
        balance: 40,
        pending: 0,
        tier: "Member",
        nextTier: "Silver",
        pointsToNextTier: 960,
      }),
    ),
    i18n: localeI18n(en, "en"),
  });
  await extension.render();
  expect(bodyText()).toContain("You have 40 points · Member");
  expect(bodyText()).toContain("960 points to Silver");
  expect(all("s-button").map((b) => b.textContent)).toEqual(["Use points"]);
});
