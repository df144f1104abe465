// Any /app/* address with no page: a 404 inside the admin frame (Polaris, navigation, App Bridge),
// rendered the same on the server and in the browser, instead of the root's plain page.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteError } from "~/components/RouteError";
import { adminText } from "~/i18n";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  throw json({ message: adminText.errors.pageNotFound }, { status: 404 });
}

export default function UnknownAdminPage() {
  return null;
}

export const ErrorBoundary = RouteError;
