// /auth/login: where Shopify's library sends a visit that has no shop to authenticate (opening /app
// outside the Shopify admin). The merchant names their shop; `login` sends them to Shopify to
// install or open Tally there. Public: no session exists yet.
import {
  json,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import englishTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css";
import { useState } from "react";
import { readFormFields } from "~/admin/request-body.server";
import { adminText } from "~/i18n";
import { login } from "~/shopify.server";

const t = adminText.login;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: polarisStyles }];

type LoginErrors = { shop?: string };

function messagesOf(result: { shop?: string }): LoginErrors {
  if (result.shop === "MISSING_SHOP") return { shop: t.missingShop };
  if (result.shop === "INVALID_SHOP") return { shop: t.invalidShop };
  return {};
}

export async function loader({ request }: LoaderFunctionArgs) {
  // With ?shop= it redirects to Shopify at once; a bare visit shows the form.
  return json({ errors: messagesOf(await login(request)) });
}

export async function action({ request }: ActionFunctionArgs) {
  // Only the shop field, read within a small limit, reaches the library.
  const fields = await readFormFields(request, 4096);
  const shopOnly = new Request(new URL(request.url), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ shop: (fields.shop ?? "").trim() }),
  });
  return json({ errors: messagesOf(await login(shopOnly)) });
}

export default function LoginPage() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const errors: LoginErrors = (submitted ?? loaded).errors;
  const [shop, setShop] = useState("");
  return (
    <AppProvider i18n={englishTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text as="h1" variant="headingMd">
                {t.heading}
              </Text>
              <TextField
                type="text"
                name="shop"
                label={t.shopLabel}
                helpText={t.shopHelp}
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={errors.shop}
              />
              <Button submit variant="primary">
                {t.submit}
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
