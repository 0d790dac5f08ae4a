// Dates are shown as the seed page does (发布日期：2021-07-27), in the site's time zone (the site
// setting, default Asia/Shanghai), whatever the server's own time zone is.
export const DEFAULT_DISPLAY_TIME_ZONE = "Asia/Shanghai";

// Building an Intl.DateTimeFormat is costly next to using one: one pair per zone, kept for the
// process (the settings form only accepts zones the runtime knows, so the set stays small).
const formats = new Map<string, { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let pair = formats.get(timeZone);
  if (!pair) {
    pair = {
      date: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }),
      dateTime: new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    };
    formats.set(timeZone, pair);
  }
  return pair;
}

/**
 * Formatted days by zone and instant: a list or a search page formats the same few publication dates
 * over and over, and one Intl format call costs microseconds (a measurable share of a search page).
 * Emptied when full rather than kept in order: the entries are cheap to make again.
 */
const formattedDays = new Map<string, Map<number, string>>();
const FORMATTED_DAYS_MAX = 20_000;

/** YYYY-MM-DD in `timeZone` (an IANA name). */
export function formatDate(date: Date, timeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string {
  let days = formattedDays.get(timeZone);
  if (!days) formattedDays.set(timeZone, (days = new Map()));
  const instant = date.getTime();
  let day = days.get(instant);
  if (day === undefined) {
    day = formatsFor(timeZone).date.format(date);
    if (days.size >= FORMATTED_DAYS_MAX) days.clear();
    days.set(instant, day);
  }
  return day;
}

/** YYYY-MM-DD HH:mm in `timeZone` (an IANA name). */
export function formatDateTime(date: Date, timeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string {
  return formatsFor(timeZone).dateTime.format(date).replace(",", "");
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall time of `date` in `timeZone` as "YYYY-MM-DDTHH:mm", the value a datetime-local input takes. */
export function toLocalDateTimeInput(date: Date, timeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string {
  return formatDateTime(date, timeZone).replace(" ", "T");
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (ms, whole minutes). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = LOCAL_DATE_TIME.exec(toLocalDateTimeInput(new Date(instant), timeZone));
  if (!wall) return 0;
  const [, y, mo, d, h, mi] = wall.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi) - Math.floor(instant / 60_000) * 60_000;
}

/**
 * "YYYY-MM-DDTHH:mm[:ss]" typed by staff (a datetime-local input, a day filter) read as wall time in
 * `timeZone`, the site's zone, so what they type means what every date they see means. Undefined when
 * malformed or when the wall time does not exist there (a daylight-saving gap).
 */
export function parseLocalDateTime(value: string, timeZone: string = DEFAULT_DISPLAY_TIME_ZONE): Date | undefined {
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map((part) => Number(part ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // The offset depends on the instant we are looking for: a second pass settles daylight-saving edges.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  const date = new Date(instant);
  return toLocalDateTimeInput(date, timeZone) === value.slice(0, 16) ? date : undefined;
}

/**
 * What staff call `timeZone` beside a time they type (发布时间（北京时间）): 北京时间 for the default
 * zone, as a Chinese newsroom says it; otherwise ICU's Chinese name of the zone with its IANA id.
 */
export function timeZoneLabel(timeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string {
  if (timeZone === DEFAULT_DISPLAY_TIME_ZONE) return "北京时间";
  const name = new Intl.DateTimeFormat("zh-CN", { timeZone, timeZoneName: "longGeneric" })
    .formatToParts(new Date())
    .find((part) => part.type === "timeZoneName")?.value;
  return name && name !== timeZone ? `${name} ${timeZone}` : timeZone;
}
