import { renderToStaticMarkup } from "react-dom/server";
import { BarChart } from "@/components/admin/dashboard/BarChart";
import { axisTicks } from "@/lib/dashboard/axis";

const texts = (html: string, testId: string) =>
  [...html.matchAll(new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`, "g"))].map((match) => match[1]);

describe("dashboard chart axis", () => {
  it("gives whole-number ticks for counts, however small the largest count", () => {
    for (const max of [0, 1, 2, 3, 5, 7, 9, 13, 48, 120, 999]) {
      const ticks = axisTicks(max, { integer: true });
      expect({ max, integer: ticks.every(Number.isInteger) }).toEqual({ max, integer: true });
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
    expect(axisTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(axisTicks(7, { integer: true })).toEqual([0, 2, 4, 6, 8]);
  });

  it("gives round fractional steps for measured values such as hours", () => {
    expect(axisTicks(1.3, { integer: false })).toEqual([0, 0.5, 1, 1.5]);
    expect(axisTicks(18, { integer: false })).toEqual([0, 5, 10, 15, 20]);
  });

  it("draws a count chart with whole-number ticks and its unit, and a waiting-time chart in hours", () => {
    const counts = renderToStaticMarkup(
      <BarChart
        id="c"
        title="发稿量"
        description=""
        categories={["2026-11", "2026-12"]}
        series={[{ name: "先锋", values: [1, 3] }]}
        stacked
        integer
        unit="篇"
        categoryHeader="月份"
      />,
    );
    expect(texts(counts, "chart-tick")).toEqual(["0", "1", "2", "3"]);
    expect(texts(counts, "chart-unit")).toEqual(["单位：篇"]);
    const hours = renderToStaticMarkup(
      <BarChart
        id="h"
        title="等待"
        description=""
        categories={["初审"]}
        series={[{ name: "中位数", values: [1.3] }]}
        stacked={false}
        format={(v) => v.toLocaleString("zh-CN")}
        unit="小时"
        categoryHeader="审级"
      />,
    );
    expect(texts(hours, "chart-unit")).toEqual(["单位：小时"]);
    expect(texts(hours, "chart-tick")).toEqual(["0", "0.5", "1", "1.5"]);
  });
});
