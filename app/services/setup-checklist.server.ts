// The first-run checklist (home page). Program on and a first order are detected; block placement
// in the checkout and accounts editor is not visible to the app, so the merchant marks it.
import type { Db } from "../db.server";

export const PLACEMENTS = ["checkout", "accounts"] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface SetupChecklistState {
  programOn: boolean;
  firstOrderSeen: boolean;
  checkoutPlaced: boolean;
  accountsPlaced: boolean;
  /** Deep links into the shop's checkout and accounts editor. */
  links: { checkoutEditor: string; accountsEditor: string };
}

export function editorLinks(shop: string) {
  const editor = `https://${shop}/admin/settings/checkout/editor`;
  // One editor serves checkout and customer accounts; `page=profile` opens the account profile page.
  return { checkoutEditor: editor, accountsEditor: `${editor}?page=profile` };
}

export async function loadSetupChecklist(
  db: Db,
  shop: string,
  now: Date,
): Promise<SetupChecklistState> {
  const [shopRow, saved] = await Promise.all([
    db.shop.findUniqueOrThrow({ where: { shop }, select: { programEnabled: true } }),
    db.setupChecklist.findUnique({ where: { shop } }),
  ]);
  let firstOrderSeen = Boolean(saved?.firstOrderSeenAt);
  if (!firstOrderSeen) {
    // Seen once is enough: remembered, so the step stays done whatever happens to that order.
    const order = await db.order.findFirst({ where: { shop, paid: true }, select: { id: true } });
    if (order) {
      await db.setupChecklist.upsert({
        where: { shop },
        create: { shop, firstOrderSeenAt: now },
        update: { firstOrderSeenAt: now },
      });
      firstOrderSeen = true;
    }
  }
  return {
    programOn: shopRow.programEnabled,
    firstOrderSeen,
    checkoutPlaced: Boolean(saved?.checkoutPlacedAt),
    accountsPlaced: Boolean(saved?.accountsPlacedAt),
    links: editorLinks(shop),
  };
}

export async function markPlacement(
  db: Db,
  shop: string,
  placement: Placement,
  done: boolean,
  now: Date,
): Promise<void> {
  const field = placement === "checkout" ? "checkoutPlacedAt" : "accountsPlacedAt";
  const value = done ? now : null;
  await db.setupChecklist.upsert({
    where: { shop },
    create: { shop, [field]: value },
    update: { [field]: value },
  });
}
