// The staff member's "Admin language" setting (docs/decisions/039): saved per staff member; the
// revalidation that follows renders the admin in the new language.
import { json, type ActionFunctionArgs } from "@remix-run/node";
import { staffIdOf } from "~/admin/staff.server";
import { adminText, isAdminLanguageChoice, setCurrentAdminLocale } from "~/i18n";
import { adminLanguageOf, chooseAdminLanguage } from "~/services/admin-language.server";
import { withDb } from "~/services/process-handles.server";
import { authenticate } from "~/shopify.server";

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const choice = (await request.formData()).get("choice");
  if (!isAdminLanguageChoice(choice))
    return json(
      { status: "invalid" as const, message: adminText.adminLanguage.invalid },
      { status: 400 },
    );
  const staff = { shop: auth.session.shop, staffUserId: staffIdOf(auth) };
  await withDb(chooseAdminLanguage)(staff, choice);
  // The confirmation is already in the language just chosen.
  setCurrentAdminLocale((await withDb(adminLanguageOf)(staff, null)).locale);
  return json({ status: "saved" as const, message: adminText.adminLanguage.saved });
}
