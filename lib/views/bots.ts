/**
 * User agents that are not readers: search engines (including the Chinese ones, which are most of the
 * crawling a .gov.cn site gets), link previewers, monitors and scripts. An empty user agent is not a
 * browser either. Checked case-insensitively as substrings.
 */
const BOT_PATTERN =
  /bot\b|bot\/|crawl|spider|slurp|archiver|fetcher|scraper|monitor|preview|headless|phantomjs|lighthouse|pingdom|uptime|curl\/|wget\/|python-|httpclient|okhttp|go-http-client|java\/|libwww|axios\/|node-fetch|undici|postman|facebookexternalhit|embedly|whatsapp|telegram|bytespider|yisou|sogou|360spider|haosou|petalbot|baiduspider|bingpreview|yandex|semrush|ahrefs|mj12/i;

export function isBot(userAgent: string | null | undefined): boolean {
  const agent = (userAgent ?? "").trim();
  return agent.length === 0 || BOT_PATTERN.test(agent);
}
