import { oldUrlOf } from "@/lib/import/parse-html";
import { PhotoFiles } from "@/lib/import/photos";
import { oldPathOf } from "@/lib/import/redirects";
import { parseOldDate, splitSeriesMark } from "@/lib/import/text";

describe("old dates", () => {
  it("reads what old pages print as wall time in the site's zone, and feed dates with their offset", () => {
    expect(parseOldDate("发布日期:2021-07-27", "Asia/Shanghai")?.toISOString()).toBe("2021-07-26T16:00:00.000Z");
    expect(parseOldDate("2021年8月1日 09:30", "Asia/Shanghai")?.toISOString()).toBe("2021-08-01T01:30:00.000Z");
    expect(parseOldDate("2021/7/27", "UTC")?.toISOString()).toBe("2021-07-27T00:00:00.000Z");
    expect(parseOldDate("Fri, 10 Sep 2021 08:00:00 +0800", "UTC")?.toISOString()).toBe("2021-09-10T00:00:00.000Z");
    expect(parseOldDate("2021-09-28T10:00:00+08:00", "UTC")?.toISOString()).toBe("2021-09-28T02:00:00.000Z");
    expect(parseOldDate("2021-02-30", "Asia/Shanghai")).toBeNull();
    expect(parseOldDate("字号：大 中 小", "Asia/Shanghai")).toBeNull();
  });
});

describe("titles", () => {
  it("takes a leading series mark off the title", () => {
    expect(splitSeriesMark("【先锋】化工区党建的“拓荒牛”——李炯")).toEqual({
      seriesMark: "【先锋】",
      title: "化工区党建的“拓荒牛”——李炯",
    });
    expect(splitSeriesMark("没有系列的标题")).toEqual({ seriesMark: "", title: "没有系列的标题" });
  });
});

describe("old addresses", () => {
  it("gives a mirrored page its URL on the old host, and the path a request for it arrives with", () => {
    expect(oldUrlOf("old.example.gov.cn/xf/2021/0727/c1.html", "")).toBe(
      "http://old.example.gov.cn/xf/2021/0727/c1.html",
    );
    expect(oldUrlOf("xf/c1.html", "https://www.example.gov.cn")).toBe("https://www.example.gov.cn/xf/c1.html");
    // A browser's folder upload starts with the chosen folder's name.
    expect(oldUrlOf("mirror/old.example.gov.cn/xf/c1.html", "")).toBe("http://old.example.gov.cn/xf/c1.html");
    expect(oldPathOf("https://news.example.org/2021/07/hongse-guanjia/")).toBe("/2021/07/hongse-guanjia/");
    expect(oldPathOf("https://news.example.org/?p=101")).toBe("/?p=101");
    expect(oldPathOf("https://news.example.org/")).toBeNull();
    expect(oldPathOf("not a url")).toBeNull();
  });
});

describe("photo lookup", () => {
  const files = new PhotoFiles([
    { path: "old.example.gov.cn/xf/2021/0727/1.jpg", data: Buffer.from("a") },
    { path: "old.example.gov.cn/xf/2021/0801/1.jpg", data: Buffer.from("b") },
    { path: "uploads/2021/07/photo.jpg", data: Buffer.from("c") },
  ]);

  it("finds a photo by host and path, then by shorter tails, never by its file name alone", () => {
    expect(files.find("1.jpg", "http://old.example.gov.cn/xf/2021/0801/c2.html")?.data.toString()).toBe("b");
    expect(files.find("https://news.example.org/wp-content/uploads/2021/07/photo.jpg", "")?.data.toString()).toBe("c");
    expect(files.find("http://elsewhere.example/1.jpg", "")).toBeNull();
    expect(files.find("javascript:alert(1)", "")).toBeNull();
    // A folder uploaded from the browser has the folder's own name in front of every path.
    const uploaded = new PhotoFiles([{ path: "mirror/old.example.gov.cn/xf/2021/0727/2.jpg", data: Buffer.from("d") }]);
    expect(uploaded.find("./2.jpg", "http://old.example.gov.cn/xf/2021/0727/c1.html")?.data.toString()).toBe("d");
  });
});
