// Polaris + App Bridge for the embedded admin. Equivalent to @shopify/shopify-app-remix/react's
// AppProvider, which the Remix classic compiler cannot bundle for the browser (its JSON import uses
// import attributes, newer syntax than the compiler's esbuild 0.17 parses); docs/decisions/001.
import { forwardRef, Fragment, useEffect, type ReactNode } from "react";
import { Link, useNavigate } from "@remix-run/react";
import { AppProvider as PolarisAppProvider } from "@shopify/polaris";
import type { LinkLikeComponentProps } from "@shopify/polaris/build/ts/src/utilities/link";
import type { AdminLocale } from "~/i18n";
import { polarisTranslations } from "~/i18n/polaris";

export const SHOPIFY_APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

const PolarisRemixLink = forwardRef<HTMLAnchorElement, LinkLikeComponentProps>(
  function PolarisRemixLink({ url, external, children, ...rest }, ref) {
    if (external) {
      return (
        <a ref={ref} href={url} target="_blank" rel="noopener noreferrer" {...rest}>
          {children}
        </a>
      );
    }
    return (
      <Link ref={ref} to={url} {...rest}>
        {children}
      </Link>
    );
  },
);

export function AdminAppProvider({
  apiKey,
  appBridgeUrl = SHOPIFY_APP_BRIDGE_URL,
  locale,
  children,
}: {
  apiKey: string;
  appBridgeUrl?: string;
  locale: AdminLocale;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  useEffect(() => {
    // App Bridge's navigation menu announces clicks with this event; Remix does the navigation.
    const onNavigate = (event: Event) => {
      const href = (event.target as Element | null)?.getAttribute("href");
      if (href) navigate(href);
    };
    addEventListener("shopify:navigate", onNavigate);
    return () => removeEventListener("shopify:navigate", onNavigate);
  }, [navigate]);
  return (
    <>
      <script src={appBridgeUrl} data-api-key={apiKey} />
      <PolarisAppProvider i18n={polarisTranslations(locale)} linkComponent={PolarisRemixLink}>
        {/* A new language (the staff member changed it) renders every page text anew. */}
        <Fragment key={locale}>{children}</Fragment>
      </PolarisAppProvider>
    </>
  );
}
