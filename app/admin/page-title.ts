// The document title of every page ("Members · Tally"), from its address: one place, so no page
// ships with an empty <title>. The root's meta uses it; the browser tab and Shopify's admin show it.
import { adminText } from "~/i18n";

const APP = "Tally";

// Read when a title is asked for, so each request gets its staff member's language.
const pages = (): Record<string, string> => ({
  "/app": adminText.nav.home,
  "/app/analytics": adminText.nav.analytics,
  "/app/analytics/definitions": adminText.pageTitles.analyticsDefinitions,
  "/app/program": adminText.nav.program,
  "/app/rewards": adminText.nav.rewards,
  "/app/members": adminText.nav.members,
  "/app/engagement": adminText.nav.engagement,
  "/app/import": adminText.nav.import,
  "/app/jobs": adminText.nav.jobs,
  "/app/referrals": adminText.nav.referrals,
  "/auth/login": adminText.login.title,
});

// One record's page: /app/members/<id>, /app/rewards/<id>.
const recordPages = (): Record<string, string> => ({
  "/app/members/": adminText.pageTitles.member,
  "/app/rewards/": adminText.pageTitles.reward,
});

export function pageTitle(pathname: string): string {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const page = pages()[path];
  if (page) return `${page} · ${APP}`;
  for (const [prefix, name] of Object.entries(recordPages()))
    if (path.startsWith(prefix) && !path.slice(prefix.length).includes("/"))
      return `${name} · ${APP}`;
  if (path.startsWith("/app/")) return `${adminText.errors.notFound} · ${APP}`;
  return APP;
}
