// Who is acting in the admin: the staff user id for ledger entries and program versions.
import { adminText } from "../i18n";

type AdminAuth = {
  sessionToken?: { sub?: string } | null;
  session: { onlineAccessInfo?: { associated_user?: { id?: number | string } } };
};

/** The session token's `sub` (the staff user), else the online session's associated user. */
export function staffIdOf(auth: AdminAuth): string {
  const id = auth.sessionToken?.sub ?? auth.session.onlineAccessInfo?.associated_user?.id;
  if (id === undefined || id === null || id === "")
    throw new Response(adminText.errors.noStaffUser, { status: 403 });
  return String(id);
}
