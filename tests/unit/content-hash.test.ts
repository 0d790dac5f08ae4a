import { canonicalJson, contentHash } from "@/lib/articles/content-hash";

describe("content hash", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: "中" } })).toBe(
      '{"a":{"c":"中","d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(contentHash({ title: "甲", body: { type: "doc" } })).toBe(
      contentHash({ body: { type: "doc" }, title: "甲" }),
    );
  });

  it("changes with any character of the content", () => {
    expect(contentHash({ title: "先锋" })).not.toBe(contentHash({ title: "先锋 " }));
    expect(contentHash({ title: "先锋" })).toMatch(/^[0-9a-f]{64}$/);
  });
});
