// GET /favicon.ico: browsers ask for it whatever the page links; the icon is public/favicon.svg.
// Without this route the request was a 404 with a "No route matches" stack trace in the server log.
import { redirect } from "@remix-run/node";

export function loader() {
  return redirect("/favicon.svg", {
    status: 301,
    headers: { "Cache-Control": "public, max-age=86400" },
  });
}
