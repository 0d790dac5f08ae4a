import { linkTarget, webAddresses } from "@/lib/articles/body/web-address";

// The editor links these when typed or pasted (lib/articles/body/link-mark.ts), in place of the
// stock link extension's linkifyjs.
describe("webAddresses", () => {
  it("finds addresses written with their scheme or www., linking www. ones as https", () => {
    expect(webAddresses("见 https://www.gov.cn/zhengce/ 和 www.example.org 或 mailto:office@example.org")).toEqual([
      { index: 2, text: "https://www.gov.cn/zhengce/", href: "https://www.gov.cn/zhengce/" },
      { index: 32, text: "www.example.org", href: "https://www.example.org" },
      { index: 50, text: "mailto:office@example.org", href: "mailto:office@example.org" },
    ]);
  });

  it("ends an address at CJK punctuation and leaves off the sentence punctuation after it", () => {
    expect(webAddresses("网址：http://example.org/a?b=1。其他").map((found) => found.text)).toEqual([
      "http://example.org/a?b=1",
    ]);
    expect(webAddresses("(see https://example.org/page).").map((found) => found.text)).toEqual([
      "https://example.org/page",
    ]);
    expect(webAddresses("https://en.wikipedia.org/wiki/A_(b), next").map((found) => found.text)).toEqual([
      "https://en.wikipedia.org/wiki/A_(b)",
    ]);
  });

  it("ignores what the body may not link and addresses inside a word", () => {
    expect(webAddresses("javascript:alert(1) ftp://example.org https:// www. xwww.example.org")).toEqual([]);
  });
});

describe("linkTarget", () => {
  it("is the address the text ends with, if it ends with one", () => {
    expect(linkTarget("详见www.gov.cn")).toEqual({ index: 2, text: "www.gov.cn", href: "https://www.gov.cn" });
    expect(linkTarget("https://www.gov.cn 之后")).toBeNull();
  });
});
