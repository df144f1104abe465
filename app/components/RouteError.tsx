// What a page shows when its loader, action or rendering fails: what went wrong, in the admin's
// language. One description (describeRouteError) for the three places that show it: every admin page
// (RouteError, inside the admin's Polaris frame), the admin frame itself when it fails to render
// (AdminFrameError, which brings its own Polaris provider) and the root document (RootError, plain
// HTML: when the root fails nothing else can be relied on). Shopify's authentication responses go to
// Shopify's boundary instead (app.tsx, root.tsx).
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { AppProvider as PolarisAppProvider, Banner, Page } from "@shopify/polaris";
import { polarisTranslations } from "~/i18n/polaris";
import { adminText, currentAdminLocale } from "~/i18n";

export interface RouteErrorDescription {
  title: string;
  message: string;
  status: number;
  /** A failure on the server's side (not the merchant's request): reloading may help. */
  retry: boolean;
}

export function describeRouteError(error: unknown): RouteErrorDescription {
  if (isRouteErrorResponse(error)) {
    const data = error.data as { message?: unknown; error?: unknown } | string | null;
    const given =
      typeof data === "string"
        ? data
        : typeof data?.message === "string"
          ? data.message
          : typeof data?.error === "string"
            ? data.error
            : "";
    // A plain-text body is shown only when it is a sentence, not an HTML page or Remix's "No route matches".
    const usable =
      given && !given.trimStart().startsWith("<") && !given.includes("No route matches")
        ? given
        : "";
    const notFound = error.status === 404;
    return {
      title: notFound ? adminText.errors.notFound : adminText.errors.title,
      message:
        usable ||
        (notFound
          ? adminText.errors.pageNotFound
          : error.status >= 500
            ? adminText.errors.unexpected
            : adminText.errors.status(error.status)),
      status: error.status,
      retry: error.status >= 500,
    };
  }
  // A thrown exception (a database that did not answer, a bug): its text is for the server's log,
  // not for the merchant (and in production Remix replaces it with "Unexpected Server Error").
  return {
    title: adminText.errors.title,
    message: adminText.errors.unexpected,
    status: 500,
    retry: true,
  };
}

function ErrorPage({ error }: { error: RouteErrorDescription }) {
  return (
    <Page title={error.title} backAction={{ content: adminText.errors.back, url: "/app" }}>
      <Banner
        tone="critical"
        title={error.title}
        action={
          error.retry
            ? { content: adminText.errors.reload, onAction: () => window.location.reload() }
            : undefined
        }
      >
        <p>{error.message}</p>
      </Banner>
    </Page>
  );
}

/** Every admin page's ErrorBoundary: rendered inside the admin frame's Polaris provider. */
export function RouteError() {
  return <ErrorPage error={describeRouteError(useRouteError())} />;
}

/** Shopify's authentication answers with HTML (a bounce or exit-iframe page) that its boundary renders. */
export function isShopifyAuthResponse(error: unknown): boolean {
  return (
    isRouteErrorResponse(error) &&
    typeof error.data === "string" &&
    error.data.trimStart().startsWith("<")
  );
}

/** The admin frame's own failure (outside AdminAppProvider): Polaris is provided here. */
export function AdminFrameError({ error }: { error: unknown }) {
  return (
    <PolarisAppProvider i18n={polarisTranslations(currentAdminLocale())}>
      <ErrorPage error={describeRouteError(error)} />
    </PolarisAppProvider>
  );
}

/** The root's fallback: no Polaris, no App Bridge, only the document Remix renders around it. */
export function RootError({ error }: { error: unknown }) {
  const described = describeRouteError(error);
  return (
    <main
      role="alert"
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: 640,
        margin: "64px auto",
        padding: "0 16px",
        lineHeight: 1.5,
      }}
    >
      <h1 style={{ fontSize: 24 }}>{described.title}</h1>
      <p>{described.message}</p>
      <p>
        {described.retry ? (
          <>
            <a href="">{adminText.errors.reload}</a>
            {" · "}
          </>
        ) : null}
        <a href="/app">{adminText.errors.back}</a>
      </p>
    </main>
  );
}
