// The home checklist as a merchant reads it (issue 22 item 4): the checkout step says that checkout
// blocks render on Shopify Plus only, and what a shop on another plan uses instead.
import { AppProvider } from "@shopify/polaris";
import englishTranslations from "@shopify/polaris/locales/en.json";
import { renderToString } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { SetupChecklist, type ChecklistData } from "~/components/home/SetupChecklist";
import { en } from "~/i18n/en";

const data: ChecklistData = {
  programOn: true,
  firstOrderSeen: false,
  checkoutPlaced: false,
  accountsPlaced: false,
  links: { checkoutEditor: "https://a.example/editor", accountsEditor: "https://a.example/p" },
};

async function renderChecklist() {
  const routes = [{ path: "/", Component: () => <SetupChecklist data={data} /> }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("https://app.example/"));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <AppProvider i18n={englishTranslations}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </AppProvider>,
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("setup checklist", () => {
  it("says checkout blocks need Shopify Plus and names the route for other plans", async () => {
    const shown = text(await renderChecklist());
    expect(shown).toContain(en.checklist.checkout);
    expect(shown).toContain("Shopify Plus only: checkout blocks render on Plus stores alone.");
    expect(shown).toContain("use the thank-you block and the customer account's Rewards page");
  });
});
