// Shopify opens the app with ?shop=…; anyone else gets a short explanation.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) return redirect(`/app?${url.searchParams.toString()}`);
  return null;
}

export default function Index() {
  return (
    <main style={{ fontFamily: "system-ui", maxWidth: 640, margin: "64px auto", lineHeight: 1.5 }}>
      <h1>Tally</h1>
      <p>
        Open-source loyalty and rewards for Shopify. Install Tally from your Shopify admin to run
        your program.
      </p>
    </main>
  );
}
