// The POS home tile: the program at a glance ("1 point per $1.00 · 3 rewards redeemed today"); a tap
// opens the modal with the program's rules (pos.home.modal.render).
import { earnRateText, redeemedTodayText } from "./program-text";
import type { PosTileApi } from "./pos-types";
import { usePosProgram, type ProgramLoad } from "./use-pos-program";

function subheading(i18n: PosTileApi["i18n"], load: ProgramLoad): string {
  switch (load.state) {
    case "notSetUp":
      return i18n.translate("notSetUp");
    case "loading":
      return i18n.translate("home.loading");
    case "failed":
      return i18n.translate("home.unavailable");
    case "loaded": {
      const { program } = load;
      if (!program.enabled) return i18n.translate("home.paused");
      const rate = earnRateText(i18n, program);
      return [rate, redeemedTodayText(i18n, program)].filter(Boolean).join(" · ");
    }
  }
}

export function ProgramTile({ api }: { api: PosTileApi }) {
  const load = usePosProgram(api);
  return (
    <s-tile
      heading={api.i18n.translate("home.heading")}
      subheading={subheading(api.i18n, load)}
      disabled={load.state === "notSetUp"}
      onClick={() => api.action.presentModal()}
    />
  );
}
