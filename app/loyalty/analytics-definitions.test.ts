// docs/analytics.md and the in-app definitions page say the same: every figure the app defines has
// its row in the document, and every figure links to its own anchor on the page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { definitionHref, KPI_DEFINITIONS, type KpiKey } from "./analytics-definitions";

const doc = readFileSync(join(__dirname, "../../docs/analytics.md"), "utf8");

describe("the analytics definitions", () => {
  it("has a row in docs/analytics.md for every figure the app defines", () => {
    for (const { label } of Object.values(KPI_DEFINITIONS)) expect(doc).toContain(`| ${label} |`);
  });

  it("gives every figure a formula and a standard source, and a link of its own", () => {
    for (const kpi of Object.keys(KPI_DEFINITIONS) as KpiKey[]) {
      const { formula, source } = KPI_DEFINITIONS[kpi];
      expect(formula.length).toBeGreaterThan(10);
      expect(source.length).toBeGreaterThan(5);
      expect(definitionHref(kpi)).toBe(`/app/analytics/definitions#${kpi}`);
    }
    expect(KPI_DEFINITIONS.retention.source).toContain("((E − N) ÷ S) × 100");
  });
});
