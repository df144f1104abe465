// Where the app's shopper API lives: the app's own origin, and nothing else (decision 038).
// Extensions run on Shopify's CDN and cannot read the app's environment at runtime, and checkout has
// no app proxy, so the URL is fixed at build time: Shopify CLI's esbuild step replaces
// `process.env.NAME` with NAME from the build environment or the app's .env (`shopify app dev` sets
// APP_URL to its tunnel, `shopify app deploy` builds with the app's SHOPIFY_APP_URL).
// There is deliberately no merchant-editable override: every call carries the shopper's session token,
// and a URL typed into the theme or checkout editor would send it to whoever owns that host.
declare const process: { env: Record<string, string | undefined> };

/** A name the build did not define stays `process.env.NAME`, which throws where `process` is absent. */
function fromBuild(read: () => string | undefined): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const HTTPS_URL = /^https:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/;

/** The app's URL as built (https, no trailing slash), or null when the build configured none. */
export function resolveAppUrl(): string | null {
  const candidates = [
    fromBuild(() => process.env.TALLY_APP_URL),
    fromBuild(() => process.env.SHOPIFY_APP_URL),
    fromBuild(() => process.env.APP_URL),
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== "string") continue;
    const url = candidate.trim().replace(/\/+$/, "");
    if (HTTPS_URL.test(url)) return url;
  }
  return null;
}

/** Whether `url` is on the app's own origin: the only place a session token may be sent. */
export function isAppOrigin(url: string, appUrl: string | null = resolveAppUrl()): boolean {
  if (!appUrl) return false;
  try {
    return new URL(url).origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}
