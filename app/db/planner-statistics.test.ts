import { describe, expect, it } from "vitest";
import { ANALYZE_AFTER, StatisticsSchedule } from "./planner-statistics.server";

describe("StatisticsSchedule", () => {
  it("is due at ANALYZE_AFTER rows, then each time the rows written have doubled", () => {
    const schedule = new StatisticsSchedule();
    const due: number[] = [];
    for (let written = 0; written <= 1_000_000; written += 2_000)
      if (schedule.due(written)) due.push(written);
    expect(ANALYZE_AFTER).toBe(10_000);
    expect(due).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000]);
    // The end analyses what was written since the last, once.
    expect(schedule.dueAtEnd(1_000_000)).toBe(true);
    expect(schedule.dueAtEnd(640_000)).toBe(false);
  });

  it("a small import, or one that wrote nothing (the same file again), is not analysed", () => {
    const schedule = new StatisticsSchedule();
    expect(schedule.due(ANALYZE_AFTER - 1)).toBe(false);
    expect(schedule.dueAtEnd(ANALYZE_AFTER - 1)).toBe(false);
    expect(schedule.dueAtEnd(0)).toBe(false);
  });
});
