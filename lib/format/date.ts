// Dates are shown as the seed page does (发布日期：2021-07-27), always in Asia/Shanghai, whatever the
// server's own time zone is.
const TIME_ZONE = "Asia/Shanghai";

const dateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** YYYY-MM-DD in Asia/Shanghai. */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** YYYY-MM-DD HH:mm in Asia/Shanghai. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date).replace(",", "");
}
