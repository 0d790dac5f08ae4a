import { renderToStaticMarkup } from "react-dom/server";
import { Timeline } from "@/components/admin/workflow/Timeline";
import { timeZoneLabel } from "@/lib/format/date";

describe("times in the workflow UI", () => {
  it("shows a 定时发布 entry's time in the site's zone, like the entry's own time", () => {
    const html = renderToStaticMarkup(
      <Timeline
        timeZone="Asia/Shanghai"
        entries={[
          {
            kind: "schedule",
            at: new Date("2026-11-30T02:00:00Z"),
            who: "终审甲",
            detail: "",
            scheduledFor: new Date("2026-12-01T06:43:00.000Z"),
          },
        ]}
      />,
    );
    expect(html).toContain("2026-12-01 14:43");
    expect(html).not.toContain("2026-12-01T06:43");
    const tokyo = renderToStaticMarkup(
      <Timeline
        timeZone="Asia/Tokyo"
        entries={[
          {
            kind: "schedule",
            at: new Date("2026-11-30T02:00:00Z"),
            who: "",
            detail: "",
            scheduledFor: new Date("2026-12-01T06:43:00.000Z"),
          },
        ]}
      />,
    );
    expect(tokyo).toContain("2026-12-01 15:43");
  });

  it("names the site's zone beside typed times: 北京时间 by default, the configured zone otherwise", () => {
    expect(timeZoneLabel("Asia/Shanghai")).toBe("北京时间");
    expect(timeZoneLabel("Europe/Berlin")).toContain("Europe/Berlin");
    expect(timeZoneLabel("Europe/Berlin")).not.toContain("北京");
  });
});
