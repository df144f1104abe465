// The POS home modal: the program's rules as staff explain them to a customer (how to earn, the
// rewards and their costs, the tiers, when points can be spent and expire) and today's redemptions.
import { errorMessage, pointsText } from "../../shared/messages";
import {
  pointRulesLines,
  rewardText,
  tierPeriodText,
  tierText,
  wayToEarnLines,
} from "./program-text";
import type { PosProgram } from "./pos-api";
import type { PosModalApi } from "./pos-types";
import { usePosProgram } from "./use-pos-program";

type I18n = PosModalApi["i18n"];

function Lines({ lines }: { lines: string[] }) {
  return (
    <s-stack direction="block" gap="small">
      {lines.map((line) => (
        <s-text key={line}>{line}</s-text>
      ))}
    </s-stack>
  );
}

function todayLines(i18n: I18n, { today }: PosProgram): string[] {
  if (today.redemptions === 0) return [i18n.translate("home.todayNone")];
  return [
    i18n.translate("home.todayRedeemed", {
      count: today.redemptions,
      redemptions: i18n.formatNumber(today.redemptions),
      points: pointsText(i18n, today.points),
    }),
    ...(today.atPos > 0
      ? [
          i18n.translate("home.todayAtPos", {
            count: today.atPos,
            redemptions: i18n.formatNumber(today.atPos),
          }),
        ]
      : []),
  ];
}

function Rules({ i18n, program }: { i18n: I18n; program: PosProgram }) {
  const earning = program.enabled
    ? program.waysToEarn.flatMap((way) => wayToEarnLines(i18n, way))
    : [i18n.translate("home.pausedDetail")];
  return (
    <s-stack direction="block" gap="base">
      <s-section heading={i18n.translate("home.earnHeading")}>
        <Lines lines={earning.length ? earning : [i18n.translate("home.earnNone")]} />
      </s-section>
      <s-section heading={i18n.translate("home.rewardsHeading")}>
        <Lines
          lines={
            program.rewards.length
              ? program.rewards.map((reward) => rewardText(i18n, reward))
              : [i18n.translate("home.rewardsNone")]
          }
        />
      </s-section>
      <s-section heading={i18n.translate("home.tiersHeading")}>
        <Lines
          lines={[
            ...program.tiers.map((_, index) => tierText(i18n, program, index)),
            tierPeriodText(i18n, program),
          ]}
        />
      </s-section>
      <s-section heading={i18n.translate("home.rulesHeading")}>
        <Lines lines={pointRulesLines(i18n, program)} />
      </s-section>
      <s-section heading={i18n.translate("home.todayHeading")}>
        <Lines lines={todayLines(i18n, program)} />
      </s-section>
    </s-stack>
  );
}

export function ProgramRules({ api }: { api: PosModalApi }) {
  const { i18n } = api;
  const load = usePosProgram(api);
  return (
    <s-page heading={load.state === "loaded" ? load.program.name : i18n.translate("home.heading")}>
      <s-scroll-box>
        {load.state === "loaded" ? (
          <Rules i18n={i18n} program={load.program} />
        ) : (
          <s-text color="subdued">
            {load.state === "notSetUp"
              ? i18n.translate("notSetUp")
              : load.state === "loading"
                ? i18n.translate("loading")
                : errorMessage(i18n, load.error)}
          </s-text>
        )}
      </s-scroll-box>
    </s-page>
  );
}
