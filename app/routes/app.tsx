// The embedded admin's frame: authentication, Polaris, App Bridge and its navigation menu.
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  type ClientLoaderFunctionArgs,
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
import { adminText, currentAdminLocale } from "~/i18n";
import { loadLanguage } from "~/i18n/languages";
import { authenticate } from "~/shopify.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return {
    apiKey: env.SHOPIFY_API_KEY,
    appBridgeUrl: isLocalDemo ? "/local-dev/app-bridge.js" : undefined,
    // The staff member's admin language, as authenticate.admin resolved it (docs/decisions/039).
    locale: currentAdminLocale(),
  };
}

// In the browser, a language the page was not loaded in (the staff member saved another, Shopify's
// `locale` changed) is fetched before it renders; the first render's was loaded by entry.client.tsx.
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadLanguage(data.locale);
  return data;
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
  const { apiKey, appBridgeUrl, locale } = useLoaderData<typeof loader>();
  return (
    <AdminAppProvider apiKey={apiKey} appBridgeUrl={appBridgeUrl} locale={locale}>
      <NavMenu>
        <Link to="/app" rel="home">
          {adminText.nav.home}
        </Link>
        <Link to="/app/analytics">{adminText.nav.analytics}</Link>
        <Link to="/app/program">{adminText.nav.program}</Link>
        <Link to="/app/rewards">{adminText.nav.rewards}</Link>
        <Link to="/app/members">{adminText.nav.members}</Link>
        <Link to="/app/referrals">{adminText.nav.referrals}</Link>
        <Link to="/app/engagement">{adminText.nav.engagement}</Link>
        <Link to="/app/import">{adminText.nav.import}</Link>
        <Link to="/app/jobs">{adminText.nav.jobs}</Link>
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
