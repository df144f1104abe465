// The document title of every page ("Members · Tally"), from its address: one place, so no page
// ships with an empty <title>. The root's meta uses it; the browser tab and Shopify's admin show it.
import { en } from "~/i18n/en";

const APP = "Tally";

const PAGES: Record<string, string> = {
  "/app": en.nav.home,
  "/app/analytics": en.nav.analytics,
  "/app/analytics/definitions": en.pageTitles.analyticsDefinitions,
  "/app/program": en.nav.program,
  "/app/rewards": en.nav.rewards,
  "/app/members": en.nav.members,
  "/app/engagement": en.nav.engagement,
  "/app/import": en.nav.import,
  "/app/jobs": en.nav.jobs,
  "/auth/login": en.login.title,
};

// One record's page: /app/members/<id>, /app/rewards/<id>.
const RECORD_PAGES: Record<string, string> = {
  "/app/members/": en.pageTitles.member,
  "/app/rewards/": en.pageTitles.reward,
};

export function pageTitle(pathname: string): string {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const page = PAGES[path];
  if (page) return `${page} · ${APP}`;
  for (const [prefix, name] of Object.entries(RECORD_PAGES))
    if (path.startsWith(prefix) && !path.slice(prefix.length).includes("/"))
      return `${name} · ${APP}`;
  if (path.startsWith("/app/")) return `${en.errors.notFound} · ${APP}`;
  return APP;
}
