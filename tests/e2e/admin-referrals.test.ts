// Refer a friend in the admin (decision 036), in real Chromium against the local demo: the Program
// page's "Refer a friend" card, and a referral held for review (many links from one IP) approved on
// the Referrals page, which pays the advocate and shows on their member page.
import { resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../app/db.server";
import { newPage, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const shop = "tally-demo.myshopify.com";
const db = createPrismaClient(`file:${resolve("tmp/e2e/tally.sqlite")}`);
afterAll(() => db.$disconnect());

describe("referrals in the admin", () => {
  it("shows the settings card, and approving a held referral pays the advocate", async () => {
    const advocate = await db.customer.findFirstOrThrow({
      where: { shop, redactedAt: null },
      orderBy: { id: "asc" },
    });
    const before = advocate.balance;
    const placed = new Date(Date.now() - 30 * 86_400_000);
    await db.referral.create({
      data: {
        shop,
        advocateId: advocate.id,
        friendCode: `FRIEND-${Date.now()}`,
        ipHash: "e2e",
        status: "held",
        reason: "ip_volume",
        shopifyOrderId: String(Date.now()),
        orderSubtotal: 8000n,
        orderPlacedAt: placed,
        completesAt: placed,
      },
    });

    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    expect((await page.goto(`${baseUrl}/local-dev/open?path=/app/program`))?.status()).toBe(200);
    await page.getByRole("heading", { name: "Refer a friend" }).waitFor();
    // The demo runs its referral program (its year has referrals).
    await expect(
      page.getByRole("checkbox", { name: "Referral program" }).isChecked(),
    ).resolves.toBe(true);

    await page.goto(
      `${baseUrl}/local-dev/open?path=${encodeURIComponent("/app/referrals?status=held")}`,
    );
    await page.getByRole("heading", { name: "Referrals" }).first().waitFor();
    await page.getByText("many links from one IP address this week").waitFor();
    await screenshot(page, "referrals-held");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Referral updated").waitFor();

    const paid = await db.customer.findUniqueOrThrow({ where: { id: advocate.id } });
    expect(paid.balance).toBe(before + 500);
    await page.goto(`${baseUrl}/local-dev/open?path=/app/members/${advocate.id}`);
    await page.getByRole("heading", { name: "Referrals" }).waitFor();
    await page.getByText("Rewarded").first().waitFor();
    expect(failures).toEqual([]);
    await page.close();
  });
});
