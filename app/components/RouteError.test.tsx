// What a merchant sees when a page fails or has nothing to show: the routes' own loaders run in a
// data router on the test database (as Remix runs them), and their error boundaries and pages are
// rendered to HTML with Polaris.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { StaticHandlerContext } from "@remix-run/router";
import { AppProvider } from "@shopify/polaris";
import englishTranslations from "@shopify/polaris/locales/en.json";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { useRouteError } from "react-router-dom";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  AdminFrameError,
  isShopifyAuthResponse,
  RootError,
  RouteError,
} from "~/components/RouteError";
import * as database from "~/db.server";
import { getDb } from "~/db.server";
import { en } from "~/i18n/en";
import * as analyticsPage from "~/routes/app.analytics";
import * as jobsPage from "~/routes/app.jobs";
import * as memberPage from "~/routes/app.members.$id";
import * as membersPage from "~/routes/app.members._index";
import * as rewardsPage from "~/routes/app.rewards._index";
import { installShop } from "../../tests/factories/shop";
import { adminRequest } from "../../tests/support/admin-request";

const shop = "route-errors.myshopify.com";

interface RouteModule {
  loader: (args: LoaderFunctionArgs) => Promise<unknown>;
  default: ComponentType;
  ErrorBoundary?: ComponentType;
}

/** Runs the route's loader for `path` and renders what the merchant would see, with its status. */
async function render(
  module: RouteModule,
  pattern: string,
  path: string,
): Promise<{ status: number; html: string; text: string }> {
  const Page = module.default;
  const Boundary = module.ErrorBoundary ?? (() => <p>no boundary</p>);
  const routes = [
    {
      id: "page",
      path: pattern,
      loader: module.loader as never,
      element: <Page />,
      errorElement: <Boundary />,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = (await handler.query(await adminRequest(shop, path))) as StaticHandlerContext;
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(
    <AppProvider i18n={englishTranslations}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </AppProvider>,
  );
  return {
    status: context.statusCode,
    html,
    text: html
      .replace(/<[^>]+>/g, " ")
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, " "),
  };
}

beforeEach(async () => {
  await installShop(getDb(), shop);
});

describe("error boundaries", () => {
  it("a member id that does not exist: a 404 page that says so, with a way back", async () => {
    const page = await render(memberPage, "/app/members/:id", "/app/members/no-such-member");
    expect(page.status).toBe(404);
    expect(page.text).toContain(`${en.errors.notFound} `);
    expect(page.text).toContain(en.member.notFound);
    expect(page.html).toContain(en.errors.back);
    expect(page.text).not.toContain(en.errors.reload); // nothing to retry
  });

  it("a database that fails under a page: the reason in the admin's words, a reload, no internals", async () => {
    const failing = {
      ...database.getSql(),
      rows: () => Promise.reject(new Error("SQLITE_BUSY: database is locked")),
    };
    vi.spyOn(database, "getSql").mockReturnValue(failing as never);
    const page = await render(jobsPage, "/app/jobs", "/app/jobs");
    expect(page.status).toBe(500);
    expect(page.text).toContain(en.errors.title);
    expect(page.text).toContain(en.errors.unexpected);
    expect(page.text).toContain(en.errors.reload);
    expect(page.html).not.toContain("SQLITE_BUSY");
  });

  it("the admin frame's own failure: the same page, with Polaris provided by the boundary itself", () => {
    const html = renderToString(
      <AdminFrameError
        error={new TypeError("Cannot read properties of undefined (reading 'apiKey')")}
      />,
    );
    expect(html).toContain("Polaris-Banner");
    expect(html).toContain(en.errors.title);
    expect(html).toContain(en.errors.unexpected.replace(/'/g, "&#x27;"));
    expect(html).not.toContain("apiKey");
  });

  it("every admin page exports the shared boundary", async () => {
    const pages = await Promise.all(
      [
        "app._index",
        "app.analytics",
        "app.engagement",
        "app.import",
        "app.jobs",
        "app.members._index",
        "app.members.$id",
        "app.program",
        "app.rewards._index",
        "app.rewards.$id",
      ].map((name) => import(`../routes/${name}.tsx`)),
    );
    for (const module of pages) expect(module.ErrorBoundary).toBe(RouteError);
  });

  it("the root fallback: an unknown address is a plain 'not found' page; Shopify's auth pages go to Shopify's boundary", async () => {
    const handler = createStaticHandler([
      { id: "root", path: "/", element: <p />, errorElement: <Fallback /> },
    ]);
    const context = (await handler.query(
      new Request("http://localhost/app/nope"),
    )) as StaticHandlerContext;
    expect(context.statusCode).toBe(404);
    const html = renderToString(
      <StaticRouterProvider
        router={createStaticRouter(handler.dataRoutes, context)}
        context={context}
        hydrate={false}
      />,
    );
    expect(html).toContain(`<h1 style="font-size:24px">${en.errors.notFound}</h1>`);
    expect(html).toContain(en.errors.pageNotFound);
    expect(html).not.toContain("No route matches");

    const crash = renderToString(
      <RootError error={new Error("Cannot read properties of undefined")} />,
    );
    expect(crash).toContain(en.errors.unexpected);
    expect(crash).not.toContain("Cannot read");
    // What a loader's thrown Response becomes: Shopify's bounce page (HTML) vs a route's JSON 404.
    const thrown = async (response: Response) => {
      const routes = [
        {
          id: "r",
          path: "/",
          loader: () => {
            throw response;
          },
        },
      ];
      return Object.values(
        (
          (await createStaticHandler(routes).query(
            new Request("http://localhost/"),
          )) as StaticHandlerContext
        ).errors ?? {},
      )[0];
    };
    expect(
      isShopifyAuthResponse(
        await thrown(
          new Response("<html><script>bounce</script></html>", {
            headers: { "Content-Type": "text/html" },
          }),
        ),
      ),
    ).toBe(true);
    expect(
      isShopifyAuthResponse(await thrown(Response.json({ message: "gone" }, { status: 404 }))),
    ).toBe(false);
  });
});

function Fallback() {
  // The root's ErrorBoundary without Shopify's branch (covered above by isShopifyAuthResponse).
  return <RootError error={useRouteError()} />;
}

describe("empty states of a fresh shop", () => {
  it("members: 'No members yet' with what makes a member", async () => {
    const page = await render(membersPage, "/app/members", "/app/members");
    expect(page.status).toBe(200);
    expect(page.text).toContain(en.members.empty);
    expect(page.text).toContain(en.members.emptyHelp);
    expect(page.html).toContain("Polaris-EmptyState");
  });

  it("rewards: 'No rewards yet' with an action to add one", async () => {
    await getDb().reward.deleteMany({ where: { shop } });
    const page = await render(rewardsPage, "/app/rewards", "/app/rewards");
    expect(page.text).toContain(en.rewards.empty);
    expect(page.html).toContain("Polaris-EmptyState");
    expect(page.html).toContain('href="/app/rewards/new"');
  });

  it("analytics: 'No loyalty activity yet' instead of empty charts", async () => {
    const page = await render(analyticsPage, "/app/analytics", "/app/analytics");
    expect(page.text).toContain(en.analytics.empty);
    expect(page.html).toContain('href="/app/import"');
    expect(page.html).not.toContain("data-chart");
  });

  it("jobs: 'No job has run yet' above the schedule", async () => {
    const page = await render(jobsPage, "/app/jobs", "/app/jobs");
    expect(page.text).toContain(en.jobs.empty);
    // Every job has a label in the admin's language (none shown by its internal name).
    const { JOBS } = await import("~/jobs/jobs.server");
    for (const job of JOBS) {
      expect(en.jobs.labels[job.name], job.name).toBeDefined();
      expect(page.text).toContain(en.jobs.labels[job.name]);
    }
  });
});
