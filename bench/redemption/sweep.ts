// A second instance of the expiry sweep for bench/redemption: run.ts forks it and runs its own sweep
// at the same moment against the same database, as two app instances would (design §3: "when the code
// expires unused, the points come back", exactly once). Protocol over IPC: the child says "ready"
// once its modules and connection are loaded, the parent answers "go", the child reports how many
// redemptions it released.
import { demoEnv } from "../../scripts/demo/demo-env";

const [databaseUrl, nowIso, standinUrl] = process.argv.slice(2);
Object.assign(process.env, demoEnv({ port: 3000, databaseUrl }), { TALLY_BACKGROUND_JOBS: "0" });

export type SweepMessage =
  | { type: "ready" }
  | { type: "done"; released: number; rounds: number; ms: number }
  | { type: "error"; message: string };

const { openSql } = await import("../../app/db.server");
const { sweepExpiredRedemptions } = await import("../../app/services/redemption-release.server");
const { standinAdminFor } = await import("./standin-admin");
const sql = openSql(databaseUrl);
const adminFor = standinAdminFor(standinUrl);
const now = new Date(nowIso);

/** Sweeps until a round releases nothing (the sweep takes at most 500 per call). */
export async function sweepAll(): Promise<{ released: number; rounds: number; ms: number }> {
  const started = performance.now();
  let released = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    const count = (await sweepExpiredRedemptions(sql, adminFor, now)).released;
    released += count;
    if (count === 0) break;
  }
  return { released, rounds, ms: performance.now() - started };
}

process.on("message", (message: unknown) => {
  if (message !== "go") return;
  sweepAll().then(
    async (result) => {
      await sql.close();
      process.send?.({ type: "done", ...result } satisfies SweepMessage);
      process.disconnect?.();
    },
    (error: unknown) => {
      process.send?.({
        type: "error",
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies SweepMessage);
      process.exitCode = 1;
      process.disconnect?.();
    },
  );
});
process.send?.({ type: "ready" } satisfies SweepMessage);
