/**
 * The client's address as this app can know it. Next's server (base-server) fills x-forwarded-for with the socket
 * address only when the header is absent, and a reverse proxy (nginx `$proxy_add_x_forwarded_for`)
 * appends the address it saw, so the last entry is the one nearest to us that a client cannot forge
 * when a proxy is in front. Exposed without a proxy, a client can choose this value: the per-IP limit
 * is then only a speed bump, and the per-account lockout is what stops guessing.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : (value ?? null);
  };
  const forwarded = get("x-forwarded-for")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const ip = forwarded?.at(-1) ?? get("x-real-ip")?.trim() ?? "unknown";
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the same client as its IPv4 form.
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, 64);
}
