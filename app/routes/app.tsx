// The embedded admin's frame: authentication, Polaris, App Bridge and its navigation menu.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Outlet,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { SkeletonBodyText, SkeletonPage, Card, Layout } from "@shopify/polaris";
import { boundary } from "@shopify/shopify-app-remix/server";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { AdminAppProvider } from "~/components/AdminAppProvider";
import { AdminFrameError } from "~/components/RouteError";
import { env, isLocalDemo } from "~/config/env.server";
import { en } from "~/i18n/en";
import { authenticate } from "~/shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return {
    apiKey: env.SHOPIFY_API_KEY,
    appBridgeUrl: isLocalDemo ? "/local-dev/app-bridge.js" : undefined,
  };
}

/** While another page loads, a skeleton instead of the old page (same-page reloads keep the page). */
function PageOrSkeleton() {
  const navigation = useNavigation();
  const location = useLocation();
  if (navigation.state === "loading" && navigation.location.pathname !== location.pathname) {
    return (
      <SkeletonPage primaryAction>
        <Layout>
          <Layout.Section>
            <Card>
              <SkeletonBodyText lines={6} />
            </Card>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    );
  }
  return <Outlet />;
}

export default function AppFrame() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  return (
    <AdminAppProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl}>
      <NavMenu>
        <Link to="/app" rel="home">
          {en.nav.home}
        </Link>
        <Link to="/app/analytics">{en.nav.analytics}</Link>
        <Link to="/app/program">{en.nav.program}</Link>
        <Link to="/app/rewards">{en.nav.rewards}</Link>
        <Link to="/app/members">{en.nav.members}</Link>
        <Link to="/app/referrals">{en.nav.referrals}</Link>
        <Link to="/app/engagement">{en.nav.engagement}</Link>
        <Link to="/app/import">{en.nav.import}</Link>
        <Link to="/app/jobs">{en.nav.jobs}</Link>
      </NavMenu>
      <PageOrSkeleton />
    </AdminAppProvider>
  );
}

// A response thrown here can only be authenticate.admin's (every page below has its own boundary):
// Shopify's boundary renders it as Shopify intends (bounce and exit-iframe pages, retries). Anything
// else that fails the frame (an exception while rendering it) gets the admin's error page, where
// Shopify's boundary would re-throw it to Remix's default page.
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) return boundary.error(error);
  return <AdminFrameError error={error} />;
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
