// Every admin page in Polish and in Russian carries no English sentence of the catalogue
// (app/i18n/en.ts): each page is loaded in real Chromium with the demo's year, its visible text is
// compared with every English text of three words or more (functions called with sample values),
// and the forms' error states are shown too. Screenshots: screenshots/admin-<page>-<locale>.png.
import Database from "better-sqlite3";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../app/db.server";
import { storeCoded, wordStored } from "../../app/i18n/coded-text";
import { en } from "../../app/i18n/en";
import type { AdminLocale } from "../../app/i18n";
import { messagesFor } from "../../app/i18n/languages.server";
import { newPage, screenshot, useBrowser } from "./browser";

const baseUrl = inject("e2eBaseUrl");
const browser = useBrowser();
const DATABASE = resolve("tmp/e2e/tally.sqlite");
const saveBar = (page: Page) => page.locator("ui-save-bar[data-open]");

function setLanguageChoice(choice: string | null) {
  const database = new Database(DATABASE);
  if (choice === null) database.prepare(`DELETE FROM "StaffLanguage"`).run();
  else database.prepare(`UPDATE "StaffLanguage" SET "choice" = ?`).run(choice);
  database.close();
}

const db = createPrismaClient(`file:${DATABASE}`);
const shop = "tally-demo.myshopify.com";

// The demo's one staff member must read English again in the browser tests that follow.
afterAll(async () => {
  setLanguageChoice(null);
  await db.$disconnect();
});

const SAMPLE_VALUES = [2, 7, 12];

/** Every English sentence of the catalogue: texts of three words or more, functions called. */
function englishSentences(node: unknown): string[] {
  if (typeof node === "string") return node.trim().split(/\s+/).length >= 3 ? [node.trim()] : [];
  if (typeof node === "function") {
    const fn = node as (...args: unknown[]) => unknown;
    return SAMPLE_VALUES.flatMap((value) => {
      try {
        const text = fn(...Array.from({ length: fn.length }, () => value));
        return typeof text === "string" ? englishSentences(text) : [];
      } catch {
        return [];
      }
    });
  }
  if (node !== null && typeof node === "object")
    return Object.values(node).flatMap(englishSentences);
  return [];
}

/** English sentences of the catalogue that the language writes differently (not "100 = ×1"). */
function englishNotIn(locale: AdminLocale): string[] {
  const same = new Set(englishSentences(messagesFor(locale)));
  return [...new Set(englishSentences(en))].filter((sentence) => !same.has(sentence));
}

/** Intl's no-break spaces ("1 200") as plain ones, as the page text is compared. */
const spaced = (text: string) => text.replace(/\u00a0|\u202f/g, " ");

async function textOf(page: Page): Promise<string> {
  return spaced(await page.locator("body").innerText());
}

function englishIn(text: string, locale: AdminLocale): string[] {
  return englishNotIn(locale).filter((sentence) => text.includes(sentence));
}

/** A screenshot's name for a page: ids replaced by what they are. */
function shotName(path: string, member: string, reward: string): string {
  const page =
    path === member ? "/member" : path === reward ? "/reward" : path.replace(/^\/app/, "");
  return `admin${page.replace(/\//g, "-")}`;
}

/** The path of the first link on `listPath` whose address starts with `prefix`. */
async function firstLink(page: Page, listPath: string, prefix: string): Promise<string> {
  await page.goto(new URL(listPath, page.url()).toString().replace(/\?.*$/, "") + embedding(page));
  const href = await page
    .locator(`a[href^="${prefix}"]:not([href$="/new"])`)
    .first()
    .getAttribute("href", { timeout: 15_000 });
  return new URL(href!, baseUrl).pathname;
}

/** The embedded session's query (shop, host, id_token) of the page, without `locale`. */
function embedding(page: Page): string {
  const search = new URL(page.url()).searchParams;
  search.delete("locale");
  return `?${search}`;
}

async function visit(page: Page, path: string): Promise<string> {
  const response = await page.goto(`${baseUrl}${path}${embedding(page)}`);
  expect(response?.status(), path).toBe(200);
  await page.waitForLoadState("networkidle");
  const text = await textOf(page);
  return text;
}

describe.each([
  ["pl", "Program lojalnościowy Tally"],
  ["ru", "Программа лояльности Tally"],
] as const)("the admin in %s", (locale, homeHeading) => {
  const say = messagesFor(locale);

  async function openIn(): Promise<{ page: Page; failures: string[] }> {
    const page = await newPage(browser());
    const failures: string[] = [];
    page.on("pageerror", (error) => failures.push(error.message));
    await page.goto(`${baseUrl}/local-dev/open?locale=pl`);
    setLanguageChoice(locale === "ru" ? "ru" : "shopify");
    await page.goto(`${baseUrl}/local-dev/open?locale=pl`);
    await page.getByRole("heading", { name: homeHeading }).waitFor();
    return { page, failures };
  }

  it("shows no English sentence of the catalogue on any page", async () => {
    const { page, failures } = await openIn();
    const member = await firstLink(page, "/app/members", "/app/members/");
    const reward = await firstLink(page, "/app/rewards", "/app/rewards/");
    const pages = [
      "/app",
      "/app/program",
      "/app/rewards",
      reward,
      "/app/rewards/new",
      "/app/members",
      member,
      "/app/engagement",
      "/app/analytics",
      "/app/analytics/definitions",
      "/app/import",
      "/app/jobs",
      "/app/referrals",
    ];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      const english = englishIn(await visit(page, path), locale);
      if (english.length) found[path] = english;
      await screenshot(page, `${shotName(path, member, reward)}-${locale}`);
    }
    expect(found).toEqual({});
    expect(failures).toEqual([]);
    await page.close();
  }, 180_000);

  it("words what Tally stored in the admin's language: rejected import rows, import and backfill failures, tier history, a dead letter's details (issue 20)", async () => {
    const { page, failures } = await openIn();
    const member = await firstLink(page, "/app/members", "/app/members/");
    const customerId = member.split("/").pop()!;
    // Stored as the app stores them now (a code and values, decision 053), and one rejected row
    // stored as an English sentence before that, shown as stored.
    const rowProblem = storeCoded({ code: "notEmail", values: { email: "jan@" } });
    const legacyProblem = "Points are missing.";
    const tierReason = storeCoded({
      code: "reevaluationDown",
      values: {
        value: 1200,
        basis: "points_earned",
        period: "trailing_12_months",
        held: "Gold",
        threshold: 2500,
        graceDays: 30,
      },
    });
    const detail = storeCoded({
      code: "currencyMismatch",
      values: { what: "order", received: "JPY", shopCurrency: "USD" },
    });
    // Why a whole import and a past-orders backfill failed (decision 053, coded since issue 20).
    const importFailure = storeCoded({ code: "everyRowRejected", values: { dryRun: true } });
    const backfillFailure = storeCoded({
      code: "fileUnreadable",
      values: { applied: 120, detail: "Unexpected end of JSON input" },
    });
    const failedImport = await db.dataImport.create({
      data: {
        shop,
        kind: "balances",
        fileName: `failed-${locale}.csv`,
        status: "failed",
        dryRun: true,
        rowsRead: 1,
        rowsFailed: 1,
        failure: importFailure,
        finishedAt: new Date(),
      },
    });
    const backfill = await db.backfill.create({
      data: {
        shop,
        status: "failed",
        since: new Date(Date.now() - 365 * 86_400_000),
        until: new Date(),
        ordersProcessed: 120,
        ordersTotal: 400,
        failure: backfillFailure,
        finishedAt: new Date(),
      },
    });
    const dataImport = await db.dataImport.create({
      data: {
        shop,
        kind: "balances",
        fileName: `old-app-${locale}.csv`,
        status: "done",
        rowsRead: 3,
        rowsImported: 1,
        rowsFailed: 2,
        finishedAt: new Date(),
        errors: {
          create: [
            { row: 2, message: rowProblem, raw: "jan@,5" },
            { row: 3, message: legacyProblem, raw: "ola@example.com," },
          ],
        },
      },
    });
    const tierChange = await db.tierChange.create({
      data: { shop, customerId, fromTier: "Gold", toTier: "Silver", reason: tierReason },
    });
    const letter = await db.deadLetter.create({
      data: {
        shop,
        webhookId: `no-english-${locale}-${Date.now()}`,
        topic: "orders/paid",
        headers: {},
        body: "{}",
        reasonCode: "CURRENCY_MISMATCH",
        reasonMessage: detail,
        shopifyOrderId: "996001",
      },
    });
    try {
      const expectations: [string, string[], string[]][] = [
        [
          "/app/import",
          [
            say.import.rejectedRow(2, wordStored(rowProblem, say.importProblems)),
            wordStored(importFailure, say.importFailures),
            say.import.backfillProgress.failed(
              120,
              wordStored(backfillFailure, say.backfillFailures),
            ),
          ],
          [
            wordStored(rowProblem, en.importProblems),
            wordStored(importFailure, en.importFailures),
            wordStored(backfillFailure, en.backfillFailures),
          ],
        ],
        [
          member,
          [say.member.tierHistory, wordStored(tierReason, say.tierReasons)],
          [wordStored(tierReason, en.tierReasons)],
        ],
        [
          "/app/jobs",
          [wordStored(detail, say.deadLetters.detailTexts)],
          [wordStored(detail, en.deadLetters.detailTexts)],
        ],
      ];
      const found: Record<string, string[]> = {};
      for (const [path, worded, english] of expectations) {
        const text = await visit(page, path);
        for (const sentence of worded) expect(text, path).toContain(spaced(sentence));
        // The row stored as a sentence before codes is shown as stored: the one English allowed.
        const left = [
          ...englishIn(text, locale),
          ...english.filter((s) => text.includes(s)),
        ].filter((sentence) => sentence !== legacyProblem);
        if (left.length) found[path] = left;
        await screenshot(page, `${shotName(path, member, "")}-stored-${locale}`);
      }
      expect(found).toEqual({});
      // The rejected-rows file: reasons in the admin's language, machine column names.
      const download = await page.request.get(
        `${baseUrl}/app/analytics/download${embedding(page)}&report=import-errors&id=${dataImport.id}`,
      );
      expect(download.status()).toBe(200);
      const csv = await download.text();
      expect(csv.split("\r\n")[0].replace(/^\ufeff/, "")).toBe("row,error,content");
      expect(csv).toContain(wordStored(rowProblem, say.importProblems));
      expect(csv).toContain(legacyProblem);
      expect(csv).not.toContain(wordStored(rowProblem, en.importProblems));
      expect(failures).toEqual([]);
    } finally {
      await db.dataImport.delete({ where: { id: dataImport.id } });
      await db.dataImport.delete({ where: { id: failedImport.id } });
      await db.backfill.delete({ where: { id: backfill.id } });
      await db.tierChange.delete({ where: { id: tierChange.id } });
      await db.deadLetter.delete({ where: { id: letter.id } });
      await page.close();
    }
  }, 180_000);

  it("answers every form's invalid input in the admin's language", async () => {
    const { page, failures } = await openIn();
    const member = await firstLink(page, "/app/members", "/app/members/");
    const reward = await firstLink(page, "/app/rewards", "/app/rewards/");
    const save = () => saveBar(page).locator("button[variant=primary]").click();
    // Each form with a wrong value, and the sentence the server answers under the field.
    const forms: [string, () => Promise<void>, string][] = [
      [
        member,
        async () => {
          await page.getByLabel(say.member.adjustPoints).fill("1.5");
          await page.getByLabel(say.member.adjustReason).fill("");
          await page.getByRole("button", { name: say.member.adjustSubmit, exact: true }).click();
        },
        say.validation.adjustment.wholePoints,
      ],
      [
        reward,
        async () => {
          await page.getByLabel(say.rewards.fields.cost).fill("0");
          await save();
        },
        say.validation.reward.costAtLeastOne,
      ],
      [
        "/app/engagement",
        async () => {
          await page.getByLabel(say.engagement.bonusPoints).first().fill("-5");
          await save();
        },
        say.validation.atLeast(0, true),
      ],
      [
        "/app/program",
        async () => {
          await page.getByLabel(say.program.pointsPerUnit, { exact: true }).fill("two");
          await save();
        },
        say.validation.wholeNumberBetween(0, 100_000) + say.validation.hints.pointsPerUnit,
      ],
    ];
    const found: Record<string, string[]> = {};
    for (const [path, enterWrongValue, answer] of forms) {
      await visit(page, path);
      await enterWrongValue();
      await page.getByText(answer).first().waitFor();
      const english = englishIn(await textOf(page), locale);
      if (english.length) found[path] = english;
      await screenshot(page, `${shotName(path, member, reward)}-errors-${locale}`);
    }
    expect(found).toEqual({});
    expect(failures).toEqual([]);
    await page.close();
  }, 180_000);
});
