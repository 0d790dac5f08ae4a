import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [
  process.env.CHROME_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** Debian's Chromium driven by playwright-core; fails loudly (never skips) when none is installed. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!executablePath) {
    throw new Error(
      "找不到 Chromium / Chromium not found. Install it with `sudo apt-get install -y chromium` " +
        "or set CHROME_PATH to a Chrome/Chromium binary.",
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // The closed network refuses Chromium's background connections; these flags stop it trying.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
