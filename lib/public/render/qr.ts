import QRCode from "qrcode";

/**
 * Encoded codes by URL, oldest first. Encoding takes several milliseconds of synchronous CPU, and a
 * publication re-renders the same pages (the article, its neighbours) again and again: without this,
 * every such render would block every cached reader for that long (issue 18, docs/public-site.md).
 */
const codes = new Map<string, string>();
const MAX_CODES = 512;

/** The QR code of a URL as a small SVG document (for sharing the page to WeChat), made on the server. */
export async function qrSvg(url: string): Promise<string> {
  const kept = codes.get(url);
  if (kept !== undefined) return kept;
  const svg = await QRCode.toString(url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 1,
    color: { dark: "#000000", light: "#ffffff" },
  });
  if (codes.size >= MAX_CODES) codes.delete(codes.keys().next().value as string);
  codes.set(url, svg);
  return svg;
}
