// The program's summary for the home tile and its modal: one GET /api/pos/program with the staff
// member's session token, or null while the build has no app URL (nothing is asked then).
import { useEffect, useState } from "preact/hooks";
import { resolveAppUrl } from "../../shared/app-url";
import { posProgram, posSessionToken, type PosProgram } from "./pos-api";
import type { PosModalApi } from "./pos-types";

export type ProgramLoad =
  | { state: "notSetUp" }
  | { state: "loading" }
  | { state: "failed"; error: unknown }
  | { state: "loaded"; program: PosProgram };

export function usePosProgram(api: PosModalApi): ProgramLoad {
  const appUrl = resolveAppUrl();
  const [load, setLoad] = useState<ProgramLoad>(
    appUrl ? { state: "loading" } : { state: "notSetUp" },
  );
  useEffect(() => {
    if (!appUrl) return;
    posProgram({ baseUrl: appUrl, sessionToken: posSessionToken(api.session.getSessionToken) })
      .then((program) => setLoad({ state: "loaded", program }))
      .catch((error: unknown) => setLoad({ state: "failed", error }));
  }, [appUrl]);
  return load;
}
