import type { Db, Tx } from "../db.server";
import { currencyExponent } from "../loyalty/currency";
import { DEFAULT_PROGRAM } from "../loyalty/program";
import type { Program } from "../loyalty/types";
import { serializeProgram } from "./program.server";
import { defaultRewardData } from "./reward.server";

export interface ShopSettings {
  currencyCode: string;
  timeZone: string;
}

/**
 * Creates the shop and its first program version (design §1 defaults in the shop's currency) if
 * missing; later calls refresh currency and time zone and mark the shop installed again.
 */
export async function upsertShop(
  db: Db | Tx,
  shop: string,
  settings?: ShopSettings,
  fallbackCurrency = "USD",
): Promise<void> {
  const currencyCode = settings?.currencyCode ?? fallbackCurrency;
  const exponent = currencyExponent(currencyCode);
  if (!settings && (await db.shop.findUnique({ where: { shop }, select: { shop: true } }))) return;
  await db.shop.upsert({
    where: { shop },
    create: {
      shop,
      currencyCode,
      currencyExponent: exponent,
      ...(settings ? { timeZone: settings.timeZone } : {}),
      programVersions: {
        create: {
          version: 1,
          config: serializeProgram(defaultProgramFor(exponent)),
          createdBy: "install",
        },
      },
      rewards: { create: [defaultRewardData(exponent)] },
    },
    update: {
      uninstalledAt: null,
      ...(settings
        ? {
            currencyCode: settings.currencyCode,
            currencyExponent: exponent,
            timeZone: settings.timeZone,
          }
        : {}),
    },
  });
}

export function defaultProgramFor(currencyExponentDigits: number): Program {
  return { ...DEFAULT_PROGRAM, currencyExponent: currencyExponentDigits };
}

/** The shop's currency as the admin pages show money: its code and minor-unit exponent. */
export async function shopCurrency(
  db: Db,
  shop: string,
): Promise<{ currencyCode: string; currencyExponent: number }> {
  return db.shop.findUniqueOrThrow({
    where: { shop },
    select: { currencyCode: true, currencyExponent: true },
  });
}
