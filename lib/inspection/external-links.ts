import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { addressAllowed, type AddressPolicy } from "./address-policy";

/**
 * Checks external links the way a careful crawler does: HEAD first (many servers answer it without
 * sending the page), GET when HEAD is refused or fails, a timeout on every request, redirects
 * followed up to a bound, http(s) only, no cookies ever sent (node:http keeps none), every hop's
 * resolved address checked against the SSRF policy right before the socket connects, a small number
 * of requests at once and a pause between two requests to the same host.
 */

export interface ExternalCheckOptions extends AddressPolicy {
  timeoutMs?: number;
  maxRedirects?: number;
  /** Minimum time between two requests to the same host. */
  perHostIntervalMs?: number;
  concurrency?: number;
}

export type ExternalResult =
  | { ok: true; status: number }
  | { ok: false; reason: "status"; status: number }
  | { ok: false; reason: "timeout" | "redirects" | "refused" | "protocol" | "error"; message: string };

const DEFAULTS = { timeoutMs: 10_000, maxRedirects: 5, perHostIntervalMs: 1_000, concurrency: 4 } as const;
// Header values must be ASCII.
const USER_AGENT = "XuanchuanCMS-Inspection/1.0 (site self-inspection)";

class RefusedAddressError extends Error {
  constructor(readonly address: string) {
    super(`refused address ${address}`);
  }
}

/** A dns lookup that fails when any address the name resolves to is not allowed. */
function checkedLookup(port: number, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const refused = addresses.find((entry) => !addressAllowed(entry.address, hostname, port, policy));
      if (refused || addresses.length === 0)
        return callback(new RefusedAddressError(refused?.address ?? hostname), "", 4);
      if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

interface Hop {
  status: number;
  location: string | null;
}

function requestOnce(url: URL, method: "HEAD" | "GET", timeoutMs: number, policy: AddressPolicy): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // Literal addresses never reach the lookup function, so they are checked here.
    if (isIP(host) && !addressAllowed(host, host, port, policy)) return reject(new RefusedAddressError(host));
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method,
        headers: { "user-agent": USER_AGENT, accept: "*/*" },
        lookup: checkedLookup(port, policy),
        agent: false,
      },
      (response) => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        const location = typeof response.headers.location === "string" ? response.headers.location : null;
        // Only the status matters: do not download the page.
        response.destroy();
        resolve({ status, location });
      },
    );
    const timer = setTimeout(() => request.destroy(new TimeoutError()), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}

class TimeoutError extends Error {
  constructor() {
    super("timeout");
  }
}

class HostPacer {
  private readonly next = new Map<string, number>();
  constructor(private readonly intervalMs: number) {}

  async wait(host: string): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next.get(host) ?? 0);
    this.next.set(host, at + this.intervalMs);
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

async function follow(
  start: URL,
  method: "HEAD" | "GET",
  options: Required<Omit<ExternalCheckOptions, "allowPrivate">> & AddressPolicy,
  pacer: HostPacer,
): Promise<ExternalResult> {
  let url = start;
  for (let hop = 0; hop <= options.maxRedirects; hop++) {
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return { ok: false, reason: "protocol", message: url.protocol };
    await pacer.wait(url.host);
    let answer: Hop;
    try {
      answer = await requestOnce(url, method, options.timeoutMs, options);
    } catch (error) {
      if (
        error instanceof RefusedAddressError ||
        (error instanceof Error && error.cause instanceof RefusedAddressError)
      )
        return { ok: false, reason: "refused", message: error.message };
      if (error instanceof TimeoutError) return { ok: false, reason: "timeout", message: "timeout" };
      return { ok: false, reason: "error", message: error instanceof Error ? error.message : String(error) };
    }
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      try {
        url = new URL(answer.location, url);
      } catch {
        return { ok: false, reason: "error", message: `bad redirect ${answer.location}` };
      }
      continue;
    }
    return answer.status >= 200 && answer.status < 400
      ? { ok: true, status: answer.status }
      : { ok: false, reason: "status", status: answer.status };
  }
  return { ok: false, reason: "redirects", message: `more than ${options.maxRedirects} redirects` };
}

/** A checker shared by a whole run, so the per-host pause holds across all its links. */
export function externalLinkChecker(options: ExternalCheckOptions = {}) {
  const settings = { ...DEFAULTS, ...options };
  const pacer = new HostPacer(settings.perHostIntervalMs);

  async function check(raw: string): Promise<ExternalResult> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, reason: "error", message: "invalid URL" };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      return { ok: false, reason: "protocol", message: url.protocol };
    const head = await follow(url, "HEAD", settings, pacer);
    // Refusals, loops and silence would only repeat with GET; a server that dislikes HEAD may not.
    if (
      head.ok ||
      head.reason === "refused" ||
      head.reason === "timeout" ||
      head.reason === "redirects" ||
      head.reason === "protocol"
    )
      return head;
    return follow(url, "GET", settings, pacer);
  }

  /**
   * Checks every URL with at most `concurrency` at once; results in input order. None is started
   * after `deadline` (epoch ms): those stay null, so a site with thousands of slow links still ends.
   */
  async function checkAll(
    urls: readonly string[],
    onEach?: (index: number, result: ExternalResult) => void | Promise<void>,
    deadline = Infinity,
  ): Promise<(ExternalResult | null)[]> {
    const results: (ExternalResult | null)[] = new Array(urls.length).fill(null);
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < urls.length && Date.now() < deadline) {
        const index = nextIndex++;
        const result = await check(urls[index]);
        results[index] = result;
        await onEach?.(index, result);
      }
    };
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, urls.length) }, worker));
    return results;
  }

  return { check, checkAll };
}
