// What an admin page shows when its loader or action fails: what went wrong, in words.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { en } from "~/i18n/en";

function describe(error: unknown): { title: string; message: string } {
  if (isRouteErrorResponse(error)) {
    const data = error.data as { message?: string; error?: string } | string | null;
    const message = typeof data === "string" ? data : (data?.message ?? data?.error ?? en.errors.status(error.status));
    return { title: error.status === 404 ? en.errors.notFound : en.errors.title, message };
  }
  return { title: en.errors.title, message: error instanceof Error ? error.message : en.common.unknownError };
}

export function RouteError() {
  const { title, message } = describe(useRouteError());
  return (
    <Page title={title} backAction={{ content: en.errors.back, url: "/app" }}>
      <Banner tone="critical" title={title}>
        <p>{message}</p>
      </Banner>
    </Page>
  );
}
