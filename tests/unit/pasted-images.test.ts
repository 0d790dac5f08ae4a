import { pastedImageFiles } from "@/components/editor/pasted-images";
import { decodeImageDataUri } from "@/lib/media/data-uri";

/** The 8-byte PNG signature, base64. */
const PNG_SIGNATURE = "iVBORw0KGgo=";

describe("data: URI images", () => {
  it("decodes a base64 photo into its bytes and type", () => {
    const decoded = decodeImageDataUri(`data:image/png;base64,${PNG_SIGNATURE}`);
    expect(decoded?.mimeType).toBe("image/png");
    expect(decoded?.extension).toBe("png");
    expect([...(decoded?.bytes ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("reads jpg as JPEG and tolerates the line breaks Word wraps base64 with", () => {
    const decoded = decodeImageDataUri("data:image/jpg;base64,/9j/\r\n4AAQ");
    expect(decoded?.mimeType).toBe("image/jpeg");
    expect(decoded?.extension).toBe("jpg");
    expect(decoded?.bytes.slice(0, 3)).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
  });

  it("refuses SVG, other types, URL-encoded data and broken base64", () => {
    expect(decodeImageDataUri("data:image/svg+xml;base64,PHN2Zz4=")).toBeNull();
    expect(decodeImageDataUri("data:text/html;base64,PGI+")).toBeNull();
    expect(decodeImageDataUri("data:image/png,%89PNG")).toBeNull();
    expect(decodeImageDataUri("data:image/png;base64,***")).toBeNull();
    expect(decodeImageDataUri("data:image/png;base64,")).toBeNull();
    expect(decodeImageDataUri("https://example.org/a.png")).toBeNull();
  });
});

describe("files for the images paste-clean found", () => {
  const name = (n: number, extension: string) => `粘贴的图片${n}.${extension}`;

  it("decodes data: images into named files and takes Word's images from the clipboard by position", () => {
    const clipboard = [
      new File([new Uint8Array([1])], "image.png", { type: "image/png" }),
      new File([new Uint8Array([2])], "image2.jpg", { type: "image/jpeg" }),
    ];
    const { uploads, unreadable } = pastedImageFiles(
      [
        { key: "a", source: { kind: "file", index: 1 } },
        { key: "b", source: { kind: "data", src: `data:image/png;base64,${PNG_SIGNATURE}` } },
        { key: "c", source: { kind: "file", index: 0 } },
      ],
      clipboard,
      name,
    );
    expect(unreadable).toEqual([]);
    expect(uploads.map(({ key, file }) => [key, file.name, file.type, file.size])).toEqual([
      ["a", "image2.jpg", "image/jpeg", 1],
      ["b", "粘贴的图片2.png", "image/png", 8],
      ["c", "image.png", "image/png", 1],
    ]);
  });

  it("reports placeholders whose image cannot be read", () => {
    const { uploads, unreadable } = pastedImageFiles(
      [
        { key: "a", source: { kind: "data", src: "data:image/png;base64,***" } },
        { key: "b", source: { kind: "file", index: 3 } },
      ],
      [],
      name,
    );
    expect(uploads).toEqual([]);
    expect(unreadable).toEqual(["a", "b"]);
  });
});
