import type { IncomingMessage } from "node:http";
import { requestLike } from "@/lib/http/request-like";
import { headerValue, readStampedHeader, stampHeader } from "@/lib/http/stamped-header";

/** A Node request as the fast path sees it: only its headers are read. */
function incoming(headers: IncomingMessage["headers"]): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe("a Node request read as a web Request is (the fast path's direct routes)", () => {
  it("resolves the target as the URL parser does", () => {
    const request = requestLike(incoming({}), "/search?q=a'b c&page=2", "https://www.example.gov.cn");
    expect(request.url).toBe(new Request("https://www.example.gov.cn/search?q=a'b c&page=2").url);
  });

  it("looks headers up by name in any case and joins repeated values as Headers does", () => {
    const request = requestLike(
      incoming({ cookie: "fs=l; hc=1", "set-cookie": ["a=1", "b=2"] }),
      "/search",
      "http://localhost",
    );
    expect(request.headers.get("cookie")).toBe("fs=l; hc=1");
    expect(request.headers.get("Cookie")).toBe("fs=l; hc=1");
    expect(request.headers.get("if-none-match")).toBeNull();
    expect(request.headers.get("set-cookie")).toBe("a=1,b=2");
  });

  it("is not fooled by a client header named like the lookup method", () => {
    const headers = { get: "x", "x-forwarded-for": "10.0.0.1" } as unknown as Record<string, string>;
    expect(headerValue(headers, "x-forwarded-for")).toBe("10.0.0.1");
    expect(headerValue(headers, "get")).toBe("x");
  });

  it("reads a stamp through either form of headers, and a forged one through neither", () => {
    const node: IncomingMessage["headers"] = { "x-target": "forged" };
    expect(readStampedHeader(requestLike(incoming(node), "/", "http://localhost").headers, "x-target")).toBeNull();
    stampHeader(node, "x-target", "/search?q=a%20b");
    expect(readStampedHeader(node, "x-target")).toBe("/search?q=a%20b");
    expect(readStampedHeader(requestLike(incoming(node), "/", "http://localhost").headers, "x-target")).toBe(
      "/search?q=a%20b",
    );
    expect(readStampedHeader(new Headers(node as Record<string, string>), "x-target")).toBe("/search?q=a%20b");
  });
});
