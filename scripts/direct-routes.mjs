// The resource routes called at volume — Shopify's webhooks and the extensions' shopper API — by
// their exact path, so the production server (and its webhook thread) can call their loader or
// action directly, without Remix's route matching. Only exact paths without parameters qualify.
const DIRECT_PREFIXES = ["/webhooks/", "/api/"];

export function directRoutesOf(build) {
  const fullPath = (route) => {
    const parent = route.parentId && build.routes[route.parentId];
    const own = route.path ?? "";
    return parent && parent.id !== "root" ? `${fullPath(parent)}/${own}` : `/${own}`;
  };
  return new Map(
    Object.values(build.routes)
      .map((route) => [fullPath(route), route])
      .filter(
        ([path, route]) =>
          DIRECT_PREFIXES.some((prefix) => path.startsWith(prefix)) &&
          !/[:*]/.test(path) &&
          !route.module.default,
      )
      .map(([path, route]) => [path, route.module]),
  );
}
