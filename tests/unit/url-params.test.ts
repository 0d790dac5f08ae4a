import { auditListQuerySchema } from "@/lib/audit/schemas";
import { cleanText, parseQuery, rawUrlProblem, requestTarget } from "@/lib/http/params";
import { mediaListQuerySchema } from "@/lib/media/schemas";
import { termListQuerySchema } from "@/lib/terms/schemas";
import { userListQuerySchema } from "@/lib/users/schemas";

describe("the shared URL parser (lib/http/params.ts)", () => {
  it("refuses NUL bytes, lone surrogates, broken UTF-8 and over-long URLs", () => {
    for (const target of [
      "/a%00",
      "/a?q=%00",
      "/a?%00=1",
      "/a?q=%ED%A0%80",
      "/a?q=%FF",
      "/a?q=%E4%B8",
      `/a?q=${"x".repeat(3000)}`,
      "/%C0%80",
    ]) {
      expect([target, rawUrlProblem(target)?.status]).toEqual([target, 400]);
    }
    for (const target of ["/", "/columns/x?before=1_abc", "/search?q=%E4%B8%AD+%E6%96%87", "http://h:1/a?b=c&d"]) {
      expect([target, rawUrlProblem(target)]).toEqual([target, null]);
    }
    expect(cleanText(10).safeParse("a\ud800b").success).toBe(false);
    expect(cleanText(10).safeParse("第一\u0007").success).toBe(false);
    expect(cleanText(10).safeParse("第一 页\t").success).toBe(true);
  });

  it("reads a query once per name, empty values as absent, and reports unknown names", () => {
    const shape = { q: cleanText(20) };
    expect(parseQuery("/s?q=a+b&fs=l&x=1", shape, ["fs"])).toEqual({ ok: true, value: { q: "a b" }, unknown: ["x"] });
    expect(parseQuery("/s?q=", shape)).toEqual({ ok: true, value: {}, unknown: [] });
    expect(parseQuery("/s?q=a&q=b", shape)).toMatchObject({ ok: false, status: 400 });
    expect(requestTarget("http://h/s?fs=l&q=a&hc=1", ["fs", "hc"])).toBe("/s?q=a");
  });

  it("admin list filters drop text PostgreSQL cannot store instead of querying with it", () => {
    expect(userListQuerySchema.parse({ q: "a\u0000b" }).q).toBeUndefined();
    expect(auditListQuerySchema.parse({ actor: "a\u0000", action: "x\ud800", target: "t\u0000" })).toMatchObject({
      actor: undefined,
      action: undefined,
      target: undefined,
    });
    expect(mediaListQuerySchema.parse({ q: "\u0000", cursor: "\u0000" })).toMatchObject({
      q: undefined,
      cursor: undefined,
    });
    expect(termListQuerySchema.parse({ q: "\u0000", category: "\u0000" })).toMatchObject({
      q: undefined,
      category: undefined,
    });
    expect(userListQuerySchema.parse({ q: " 张三 " }).q).toBe("张三");
  });
});
