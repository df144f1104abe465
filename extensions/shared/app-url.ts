// Where the app's shopper API lives. Extensions run on Shopify's CDN and cannot read the app's
// environment at runtime, and checkout has no app proxy, so the URL is fixed at build time:
// Shopify CLI's esbuild step replaces `process.env.NAME` with NAME from the build environment or the
// app's .env (`shopify app dev` sets APP_URL to its tunnel). A merchant-editable `app_url` extension
// setting, when filled in, wins (a self-hosted store can point at its own deployment without a rebuild).
declare const process: { env: Record<string, string | undefined> };

/** A name the build did not define stays `process.env.NAME`, which throws where `process` is absent. */
function fromBuild(read: () => string | undefined): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The app's origin (https, no trailing slash), or null when none is configured. */
export function resolveAppUrl(setting: unknown): string | null {
  const candidates = [
    setting,
    fromBuild(() => process.env.TALLY_APP_URL),
    fromBuild(() => process.env.SHOPIFY_APP_URL),
    fromBuild(() => process.env.APP_URL),
  ];
  for (const candidate of candidates) {
    if (typeof candidate !== "string") continue;
    const url = candidate.trim().replace(/\/+$/, "");
    if (/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(url)) return url;
  }
  return null;
}
