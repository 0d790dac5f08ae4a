import {
  DEFAULT_DISPLAY_TIME_ZONE,
  formatDate,
  formatDateTime,
  parseLocalDateTime,
  toLocalDateTimeInput,
} from "@/lib/format/date";

// 2026-03-18 02:30 UTC: the 18th in Shanghai (UTC+8), still the 17th in New York (UTC-4, DST since 8 March).
const AT = new Date("2026-03-18T02:30:00Z");

describe("date formatters", () => {
  it("default to Asia/Shanghai", () => {
    expect(DEFAULT_DISPLAY_TIME_ZONE).toBe("Asia/Shanghai");
    expect(formatDate(AT)).toBe("2026-03-18");
    expect(formatDateTime(AT)).toBe("2026-03-18 10:30");
  });

  it("format in the zone they are given", () => {
    expect(formatDate(AT, "America/New_York")).toBe("2026-03-17");
    expect(formatDateTime(AT, "America/New_York")).toBe("2026-03-17 22:30");
    expect(formatDateTime(AT, "Asia/Urumqi")).toBe("2026-03-18 08:30");
    expect(formatDateTime(AT, "UTC")).toBe("2026-03-18 02:30");
  });

  it("keep each zone's formatter apart when zones alternate", () => {
    const seen = ["Asia/Shanghai", "America/New_York", "Asia/Shanghai", "America/New_York"].map((zone) =>
      formatDate(AT, zone),
    );
    expect(seen).toEqual(["2026-03-18", "2026-03-17", "2026-03-18", "2026-03-17"]);
  });

  it("give what Intl gives for every instant, repeated or new, also once their memo has filled up", () => {
    const reference = new Map(
      ["Asia/Shanghai", "America/New_York"].map((zone) => [
        zone,
        new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }),
      ]),
    );
    // 30,000 instants 7 h 13 min apart (more than the memo holds), each asked twice, in both zones.
    for (let i = 0; i < 30_000; i++) {
      const at = new Date(Date.UTC(2020, 0, 1) + i * 26_000_000);
      for (const [zone, format] of reference) {
        expect(formatDate(at, zone)).toBe(format.format(at));
        expect(formatDate(new Date(at.getTime()), zone)).toBe(format.format(at));
      }
    }
  });

  it("follow daylight saving in zones that have it", () => {
    // New York is UTC-5 in January, UTC-4 in July.
    expect(formatDateTime(new Date("2026-01-15T12:00:00Z"), "America/New_York")).toBe("2026-01-15 07:00");
    expect(formatDateTime(new Date("2026-07-15T12:00:00Z"), "America/New_York")).toBe("2026-07-15 08:00");
  });
});

describe("reading what staff typed", () => {
  it("reads a datetime-local value as wall time in the site's zone", () => {
    expect(parseLocalDateTime("2026-03-18T10:30")?.toISOString()).toBe("2026-03-18T02:30:00.000Z");
    expect(parseLocalDateTime("2026-03-17T22:30", "America/New_York")?.toISOString()).toBe("2026-03-18T02:30:00.000Z");
    expect(parseLocalDateTime("2026-03-18T02:30:45", "UTC")?.toISOString()).toBe("2026-03-18T02:30:45.000Z");
  });

  it("round-trips with the value it puts in the picker", () => {
    for (const zone of ["Asia/Shanghai", "America/New_York", "Asia/Urumqi", "UTC"]) {
      expect(parseLocalDateTime(toLocalDateTimeInput(AT, zone), zone)?.getTime()).toBe(AT.getTime());
    }
  });

  it("refuses malformed values and wall times a daylight-saving change skips", () => {
    expect(parseLocalDateTime("2026-03-18 10:30")).toBeUndefined();
    expect(parseLocalDateTime("2026-13-01T10:30")).toBeUndefined();
    // New York jumped from 02:00 to 03:00 on 8 March 2026.
    expect(parseLocalDateTime("2026-03-08T02:30", "America/New_York")).toBeUndefined();
    expect(parseLocalDateTime("2026-03-08T03:30", "America/New_York")?.toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });
});
