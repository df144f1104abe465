// Every admin page that Remix can render has its own title: a page added without one would read
// "Not found · Tally" in the browser tab and in Shopify's admin.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adminText } from "~/i18n";
import { pageTitle } from "./page-title";

const routes = join(import.meta.dirname, "..", "routes");

/** /app/… addresses of the route modules that render a page (a default export) at a fixed path. */
function staticAdminPages(): string[] {
  return readdirSync(routes)
    .filter((file) => /^app(\.|_index)/.test(file) && !file.includes("$"))
    .filter((file) => /export default/.test(readFileSync(join(routes, file), "utf8")))
    .map((file) =>
      `/${file.replace(/\.tsx$/, "")}`
        .replace(/\._index$/, "")
        .replace(/_\./g, ".")
        .replace(/\./g, "/"),
    );
}

describe("pageTitle", () => {
  it("names every admin page", () => {
    const pages = staticAdminPages();
    expect(pages).toContain("/app/referrals");
    for (const path of pages)
      expect(pageTitle(path), path).not.toBe(`${adminText.errors.notFound} · Tally`);
  });

  it("names a record's page and calls an unknown address not found", () => {
    expect(pageTitle("/app/members/abc")).toBe(`${adminText.pageTitles.member} · Tally`);
    expect(pageTitle("/app/nowhere")).toBe(`${adminText.errors.notFound} · Tally`);
  });
});
