// The embedded admin's frame: authentication, Polaris, App Bridge and its navigation menu.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { AdminAppProvider } from "~/components/AdminAppProvider";
import { env, isLocalDemo } from "~/config/env.server";
import { authenticate } from "~/shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return { apiKey: env.SHOPIFY_API_KEY, appBridgeUrl: isLocalDemo ? "/local-dev/app-bridge.js" : undefined };
}

export default function AppFrame() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AdminAppProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl}>
      <NavMenu>
        <Link to="/app" rel="home">Home</Link>
        <Link to="/app/analytics">Analytics</Link>
        <Link to="/app/import">Import</Link>
      </NavMenu>
      <Outlet />
    </AdminAppProvider>
  );
}

// Shopify needs its own error boundary and headers to keep the embedded frame working.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
