import sharp from "sharp";

/**
 * Placeholder photos for the demo content, drawn at seed time so the repository carries no binary
 * files and no real person's likeness. Simple shapes only: the machine may have no CJK font, and text
 * in a photo would not be read by a screen reader anyway (the alt text is).
 */

export type DemoScene = "portrait" | "meeting" | "field" | "street";

export interface DemoPhoto {
  scene: DemoScene;
  /** Seeds the layout and picks the colours, so every photo differs (and so has its own sha-256). */
  seed: number;
  alt: string;
  caption: string;
  credit: string;
}

const PALETTES = [
  { sky: ["#9cc7e8", "#e9f3fb"], ground: "#6d9b5b", accent: "#c0392b", wall: ["#f3ead9", "#dccdb1"] },
  { sky: ["#f6c99b", "#fbeedd"], ground: "#8a7a4e", accent: "#1f5f99", wall: ["#e7eef2", "#c8d6de"] },
  { sky: ["#7fb3c9", "#d8ecf1"], ground: "#4f7f4a", accent: "#d35400", wall: ["#f5efe6", "#e0d2bd"] },
  { sky: ["#b8c6db", "#f5f7fa"], ground: "#7a8f5c", accent: "#8e44ad", wall: ["#eef0e6", "#d3d8c2"] },
] as const;

const CLOTHES = ["#2c3e50", "#34495e", "#7f8c8d", "#1f5f99", "#8e2a2a", "#3d5a3d", "#5d4037"];

/** A small deterministic generator: the same seed draws the same picture on every machine. */
function random(seed: number): () => number {
  let state = (seed * 2654435761) % 4294967296 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

function person(x: number, y: number, scale: number, clothes: string): string {
  const head = 22 * scale;
  return (
    `<rect x="${x - 34 * scale}" y="${y}" width="${68 * scale}" height="${130 * scale}" rx="${26 * scale}" fill="${clothes}"/>` +
    `<circle cx="${x}" cy="${y - head - 6 * scale}" r="${head}" fill="#e8c39e"/>` +
    `<path d="M${x - head} ${y - head - 8 * scale} a${head} ${head} 0 0 1 ${2 * head} 0 z" fill="#2b2b2b"/>`
  );
}

function sceneSvg(photo: DemoPhoto): string {
  const rand = random(photo.seed);
  const palette = PALETTES[photo.seed % PALETTES.length];
  const people = (count: number, baseY: number, scale: number) =>
    Array.from({ length: count }, (_, index) =>
      person(
        160 + index * (880 / Math.max(count - 1, 1)) + rand() * 40,
        baseY + rand() * 30,
        scale,
        CLOTHES[Math.floor(rand() * CLOTHES.length)],
      ),
    ).join("");

  let body: string;
  switch (photo.scene) {
    case "meeting":
      body =
        `<rect width="1200" height="800" fill="url(#wall)"/>` +
        `<rect x="380" y="90" width="440" height="190" fill="${palette.accent}" opacity="0.85"/>` +
        `<rect x="400" y="110" width="400" height="150" fill="#fdfdfd" opacity="0.25"/>` +
        people(5 + Math.floor(rand() * 3), 430, 1.1) +
        `<rect x="60" y="560" width="1080" height="60" rx="8" fill="#8d6e4f"/>` +
        `<rect x="60" y="620" width="1080" height="180" fill="#6f5439"/>`;
      break;
    case "field": {
      const rows = Array.from({ length: 9 }, (_, index) => {
        const y = 520 + index * 32;
        return `<path d="M0 ${y} Q600 ${y - 30 - rand() * 20} 1200 ${y}" stroke="#3e6b35" stroke-width="6" fill="none" opacity="0.6"/>`;
      }).join("");
      body =
        `<rect width="1200" height="800" fill="url(#sky)"/>` +
        `<circle cx="${200 + rand() * 800}" cy="${110 + rand() * 60}" r="60" fill="#fff4c2" opacity="0.9"/>` +
        `<path d="M0 470 Q300 ${380 + rand() * 40} 600 450 T1200 430 V800 H0 Z" fill="${palette.ground}"/>` +
        rows +
        people(2 + Math.floor(rand() * 2), 470, 1.2);
      break;
    }
    case "street": {
      const buildings = Array.from({ length: 7 }, (_, index) => {
        const height = 220 + rand() * 260;
        return `<rect x="${index * 175 - 10}" y="${560 - height}" width="160" height="${height}" fill="#9aa5b1" opacity="${0.55 + rand() * 0.35}"/>`;
      }).join("");
      body =
        `<rect width="1200" height="800" fill="url(#sky)"/>` +
        buildings +
        `<rect x="0" y="560" width="1200" height="240" fill="#b9b2a5"/>` +
        `<rect x="0" y="540" width="1200" height="24" fill="${palette.ground}"/>` +
        people(3 + Math.floor(rand() * 3), 520, 1.3) +
        `<rect x="${300 + rand() * 500}" y="330" width="220" height="70" rx="6" fill="${palette.accent}" opacity="0.9"/>`;
      break;
    }
    case "portrait":
      body =
        `<rect width="600" height="800" fill="url(#wall)"/>` +
        `<path d="M90 800 C100 600 200 540 300 540 C400 540 500 600 510 800 Z" fill="${CLOTHES[photo.seed % CLOTHES.length]}"/>` +
        `<path d="M260 545 L300 640 L340 545 Z" fill="#f4f4f4"/>` +
        `<circle cx="300" cy="380" r="120" fill="#e8c39e"/>` +
        `<path d="M180 372 C180 250 420 250 420 372 C400 300 200 300 180 372 Z" fill="#2b2b2b"/>` +
        `<circle cx="300" cy="610" r="14" fill="${palette.accent}"/>`;
      break;
  }

  const [width, height] = photo.scene === "portrait" ? [600, 800] : [1200, 800];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs>` +
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.sky[0]}"/><stop offset="1" stop-color="${palette.sky[1]}"/></linearGradient>` +
    `<linearGradient id="wall" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${palette.wall[0]}"/><stop offset="1" stop-color="${palette.wall[1]}"/></linearGradient>` +
    `</defs>${body}</svg>`
  );
}

/** The photo as a JPEG, as a camera or a phone would deliver it. */
export function drawDemoPhoto(photo: DemoPhoto): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(photo)))
    .jpeg({ quality: 78 })
    .toBuffer();
}
