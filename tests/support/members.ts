// Members and ledger history written at chosen instants, for tests of the time-driven jobs.
import { getDb, getSql } from "~/db.server";
import type { Program } from "~/loyalty/types";
import { upsertMember } from "~/models/customer.server";
import { appendLedgerEntry } from "~/models/ledger.server";
import { currentProgramVersion, saveProgramVersion } from "~/models/program.server";

export async function aMember(
  shop: string,
  shopifyCustomerId: number,
  at = new Date("2020-01-01T00:00:00Z"),
): Promise<string> {
  const member = await upsertMember(
    getSql(),
    shop,
    { shopifyCustomerId: String(shopifyCustomerId), email: null, firstName: null, lastName: null },
    at,
  );
  return member.id;
}

let keys = 0;
/** An entry appended at `at` as the ledger would have at that instant (availableAt for pending). */
export async function entry(
  shop: string,
  customerId: string,
  kind: "earn" | "redeem" | "release" | "adjust" | "reverse",
  points: number,
  at: string,
  availableAt: string | null = null,
) {
  return getSql().transaction((tx) =>
    appendLedgerEntry(
      tx,
      {
        shop,
        customerId,
        kind,
        points,
        idempotencyKey: `test:${++keys}`,
        availableAt: availableAt ? new Date(availableAt) : null,
      },
      new Date(at),
    ),
  );
}

/** A new program version; `at` backdates it for tests whose clock is not the real one. */
export async function changeProgram(
  shop: string,
  change: Partial<Program>,
  at?: string,
): Promise<void> {
  const { program } = await currentProgramVersion(getDb(), shop);
  const saved = await saveProgramVersion(
    getDb(),
    shop,
    { ...structuredClone(program), ...change },
    "test",
  );
  if (at)
    await getDb().programVersion.update({
      where: { id: saved.id },
      data: { createdAt: new Date(at) },
    });
}

export async function tierOf(customerId: string): Promise<string | null> {
  return (await getDb().customer.findUniqueOrThrow({ where: { id: customerId } })).tierName;
}
