import QRCode from "qrcode";

/** The QR code of a URL as a small SVG document (for sharing the page to WeChat), made on the server. */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 1,
    color: { dark: "#000000", light: "#ffffff" },
  });
}
