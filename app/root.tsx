import { useEffect, type ReactNode } from "react";
import type { MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { pageTitle } from "~/admin/page-title";
import { DEFAULT_ADMIN_LOCALE, setCurrentAdminLocale, type AdminLocale } from "~/i18n";
import { isShopifyAuthResponse, RootError } from "~/components/RouteError";

// Every page's <title>, from its address (no route exports its own meta).
export const meta: MetaFunction = ({ location }) => [{ title: pageTitle(location.pathname) }];

// The document around the app and around the root's error fallback alike.
export function Layout({ children }: { children: ReactNode }) {
  // The admin frame's loader resolved the staff member's language (docs/decisions/039). Set here,
  // before any page renders, so the browser renders the same text as the server did.
  const frame = useRouteLoaderData<{ locale?: AdminLocale }>("routes/app");
  const locale = frame?.locale ?? DEFAULT_ADMIN_LOCALE;
  setCurrentAdminLocale(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <link rel="preconnect" href="https://cdn.shopify.com/" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  // Set once React has hydrated the page and run every effect below it (parents' effects run after
  // their children's): browser tests wait for it instead of guessing a delay on a loaded machine.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

// Whatever no route's own boundary caught (an unknown address, a failure outside the admin frame):
// a plain page in the admin's language instead of Remix's default one.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isShopifyAuthResponse(error)) return boundary.error(error);
  return <RootError error={error} />;
}
