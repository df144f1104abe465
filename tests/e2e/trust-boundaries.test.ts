// Issue 17 items 1, 7 and 8 against the production server in local-demo mode, in real Chromium:
// a shopper's session token never opens the admin, the login page is where /app outside Shopify ends,
// and the demo listens on loopback only.
import { networkInterfaces } from "node:os";
import { SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { DEMO_SECRET } from "../../scripts/demo/demo-env";
import { newPage, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const SHOP = "tally-demo.myshopify.com";
const HOST = Buffer.from(`admin.shopify.com/store/tally-demo`).toString("base64url");

/** A token as the checkout (bare dest) or the customer account (https dest) gives a shopper. */
async function shopperToken(surface: "checkout" | "customer-account"): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: `https://${SHOP}`,
    dest: surface === "checkout" ? SHOP : `https://${SHOP}`,
    sid: crypto.randomUUID(),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience("tally-local-demo")
    .setSubject("gid://shopify/Customer/77")
    .setIssuedAt(now - 1)
    .setNotBefore(now - 1)
    .setExpirationTime(now + 60)
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(DEMO_SECRET));
}

describe("a shopper's session token in the admin", () => {
  it("opening /app/members with it shows no member and answers 401, for both shopper surfaces", async () => {
    for (const surface of ["checkout", "customer-account"] as const) {
      const page = await newPage(browser());
      const query = new URLSearchParams({
        embedded: "1",
        shop: SHOP,
        host: HOST,
        id_token: await shopperToken(surface),
      });
      const response = await page.goto(`${baseUrl}/app/members?${query}`);
      expect(response?.status()).toBe(401);
      await expect(page.content()).resolves.not.toMatch(/@example\.com/);
      await screenshot(page, `admin-refuses-${surface}-token`);
      await page.close();
    }
  });

  it("cannot adjust a member's points with it (401, nothing written)", async () => {
    const page = await newPage(browser());
    // Find a member id through the admin's own token, as the demo opens it.
    await page.goto(`${baseUrl}/local-dev/open?path=/app/members`);
    const memberLink = page.locator(".Polaris-IndexTable__TableRow a").first();
    await memberLink.waitFor();
    const memberPath = new URL((await memberLink.getAttribute("href"))!, baseUrl).pathname;
    const before = await page.goto(`${baseUrl}/local-dev/open?path=${memberPath}`);
    expect(before?.status()).toBe(200);
    // The member's figures as the page shows them (the whole page text also holds menus that
    // appear once hydrated, so it is not compared as a whole).
    const figures = async () => {
      await page.getByText("Lifetime points", { exact: true }).first().waitFor();
      const text = await page.locator("body").innerText();
      return ["Balance", "Pending", "Lifetime"].map(
        (label) => new RegExp(`${label}[^\\n]*\\s+(-?[\\d,]+)`).exec(text)?.[1],
      );
    };
    const balanceBefore = await figures();
    expect(balanceBefore[0]).toMatch(/^-?[\d,]+$/);
    for (const surface of ["checkout", "customer-account"] as const) {
      const answer = await page.request.post(
        `${baseUrl}${memberPath}?_data=routes/app.members.$id`,
        {
          headers: { Authorization: `Bearer ${await shopperToken(surface)}` },
          form: {
            intent: "adjust",
            points: "1000",
            reason: "self-service",
            nonce: crypto.randomUUID(),
          },
        },
      );
      expect(answer.status()).toBe(401);
    }
    await page.goto(`${baseUrl}/local-dev/open?path=${memberPath}`);
    expect(await figures()).toEqual(balanceBefore);
    await page.close();
  });
});

describe("the POS API on the production server (decision 043)", () => {
  /** A POS session token: the logged-in user's ID token, with the admin token's claims. */
  async function staffToken(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: `https://${SHOP}/admin`,
      dest: `https://${SHOP}`,
      sid: crypto.randomUUID(),
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setAudience("tally-local-demo")
      .setSubject("4242")
      .setIssuedAt(now - 1)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(DEMO_SECRET));
  }
  // A seeded demo customer (the seed is deterministic).
  const customerPath = `${baseUrl}/api/pos/customers/800001`;

  it("serves a staff member's token and refuses a shopper's, which spends nothing", async () => {
    const read = async () =>
      fetch(customerPath, { headers: { Authorization: `Bearer ${await staffToken()}` } });
    const before = await read();
    expect(before.status).toBe(200);
    const figures = (await before.json()) as { balance: number; member: boolean };
    expect(figures.member).toBe(true);
    const reward = ((await (await read()).json()) as { rewards: { id: string }[] }).rewards[0];
    for (const surface of ["checkout", "customer-account"] as const) {
      const token = await shopperToken(surface);
      const get = await fetch(customerPath, { headers: { Authorization: `Bearer ${token}` } });
      expect(get.status).toBe(401);
      const post = await fetch(`${customerPath}/redemptions`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "Idempotency-Key": crypto.randomUUID(),
        },
        body: JSON.stringify({ rewardId: reward?.id ?? "none" }),
      });
      expect(post.status).toBe(401);
    }
    expect(((await (await read()).json()) as { balance: number }).balance).toBe(figures.balance);
  });

  it("serves the program's summary to staff only, briefly cacheable and private", async () => {
    const programPath = `${baseUrl}/api/pos/program`;
    const staff = await fetch(programPath, {
      headers: { Authorization: `Bearer ${await staffToken()}` },
    });
    expect(staff.status).toBe(200);
    expect(staff.headers.get("Cache-Control")).toBe("private, max-age=60");
    const program = (await staff.json()) as { rewards: unknown[]; tiers: unknown[] };
    expect(program.rewards.length).toBeGreaterThan(0);
    expect(program.tiers.length).toBeGreaterThan(0);
    for (const surface of ["checkout", "customer-account"] as const) {
      const shopper = await fetch(programPath, {
        headers: { Authorization: `Bearer ${await shopperToken(surface)}` },
      });
      expect(shopper.status).toBe(401);
    }
  });
});

describe("outside the Shopify admin", () => {
  it("/app ends on the shop-domain login page, which works", async () => {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    const response = await page.goto(`${baseUrl}/app`);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/auth/login");
    await page.getByRole("heading", { name: "Open Tally for your store" }).waitFor();
    await page.getByLabel("Shop domain").fill("not a shop!");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("Enter a valid shop domain, like example.myshopify.com").waitFor();
    await screenshot(page, "auth-login");
    expect(failures).toEqual([]);
    await page.close();
  });
});

describe("the local demo's network exposure", () => {
  it("answers on 127.0.0.1 and ::1 only, not on the machine's other addresses", async () => {
    const port = new URL(baseUrl).port;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).ok).toBe(true);
    expect((await fetch(`http://[::1]:${port}/healthz`)).ok).toBe(true);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => (address!.family === "IPv6" ? `[${address!.address}]` : address!.address))
      .filter((address) => !address.startsWith("[fe80"));
    expect(others.length).toBeGreaterThan(0);
    for (const address of others)
      await expect(fetch(`http://${address}:${port}/healthz`)).rejects.toThrow();
  });
});
