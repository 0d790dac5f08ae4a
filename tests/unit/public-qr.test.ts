import QRCode from "qrcode";
import { qrSvg } from "@/lib/public/render/qr";

/**
 * Issue 18, throughput under publishing: a page's QR code depends on its URL alone, and encoding one
 * takes milliseconds of synchronous CPU — on the event loop, at every re-render a publication causes.
 */
describe("the article page's QR code", () => {
  afterEach(() => jest.restoreAllMocks());

  it("is encoded once per URL, then reused", async () => {
    const encode = jest.spyOn(QRCode, "toString");
    const url = "https://www.example.gov.cn/articles/qr-once.html";
    const first = await qrSvg(url);
    expect(first).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    await expect(qrSvg(url)).resolves.toBe(first);
    expect(encode).toHaveBeenCalledTimes(1);
    const other = await qrSvg("https://www.example.gov.cn/articles/qr-other.html");
    expect(other).not.toBe(first);
    expect(encode).toHaveBeenCalledTimes(2);
  });

  it("keeps a bounded number of codes, whatever URLs are asked for", async () => {
    for (let index = 0; index < 600; index++) await qrSvg(`https://www.example.gov.cn/articles/qr-${index}.html`);
    const encode = jest.spyOn(QRCode, "toString");
    // The oldest went first; the newest are still kept.
    await qrSvg("https://www.example.gov.cn/articles/qr-599.html");
    expect(encode).toHaveBeenCalledTimes(0);
    await qrSvg("https://www.example.gov.cn/articles/qr-0.html");
    expect(encode).toHaveBeenCalledTimes(1);
  });
});
