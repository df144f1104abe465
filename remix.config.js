// Remix 2 with the classic compiler (docs/decisions/001-remix-classic-compiler.md).
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Polaris ships its locales as JSON imported with an import attribute; bundling them avoids a boot crash.
  serverDependenciesToBundle: [/^@shopify\/polaris\/locales/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
