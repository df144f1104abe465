// What every analytics KPI means, in one place: the dashboard shows these next to each figure, the
// definitions page (/app/analytics/definitions, the same text as docs/analytics.md) gives the
// formula, the standard it follows and where Tally departs from it, and the CSV download carries
// the definition, so the numbers and their meaning cannot drift apart.
import { en } from "../i18n/en";

export interface KpiDefinition {
  label: string;
  /** One or two sentences beside the figure. */
  definition: string;
  /** The formula, with the window it is computed over. */
  formula: string;
  /** The standard definition it follows. */
  source: string;
  /** Where Tally departs from that standard, and why; empty when it does not. */
  departure: string;
}

// The texts are admin text (app/i18n/en.ts `kpis`, translated for the admin's pages); the CSV
// download keeps English, so this is the English catalogue.
export type KpiKey = keyof typeof en.kpis;

export const KPI_DEFINITIONS = Object.fromEntries(
  Object.entries(en.kpis).map(([kpi, texts]) => [kpi, definitionOf(texts)]),
) as Record<KpiKey, KpiDefinition>;

/** A figure's texts with its departure ("" when Tally follows the standard as written). */
export function definitionOf(texts: Omit<KpiDefinition, "departure"> & { departure?: string }) {
  return { departure: "", ...texts } satisfies KpiDefinition;
}

/** Where each definition is explained in full. */
export const definitionHref = (kpi: KpiKey) => `/app/analytics/definitions#${kpi}`;
