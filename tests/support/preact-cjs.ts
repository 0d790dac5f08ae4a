import { mkdirSync } from "node:fs";
import path from "node:path";
import { buildSync } from "esbuild";

/**
 * Preact 11 ships ES modules only (.mjs), which jest on Node 20 cannot `require`. The public pages are
 * rendered with Preact, so tests load a CommonJS copy built here once per run; every `preact` import
 * maps to it, keeping a single Preact instance.
 */
export function preactCjsMappers(rootDir: string): Record<string, string> {
  const outDir = path.join(rootDir, "node_modules", ".cache", "jest-preact");
  mkdirSync(outDir, { recursive: true });
  const entries = {
    preact: "preact/dist/preact.mjs",
    "jsx-runtime": "preact/jsx-runtime/dist/jsxRuntime.mjs",
    hooks: "preact/hooks/dist/hooks.mjs",
  };
  for (const [name, entry] of Object.entries(entries)) {
    buildSync({
      entryPoints: [path.join(rootDir, "node_modules", entry)],
      outfile: path.join(outDir, `${name}.js`),
      format: "cjs",
      platform: "node",
      bundle: true,
      // Sub-entries import "preact"; keep it external so it resolves (through the mapper) to one copy.
      external: name === "preact" ? [] : ["preact"],
      logLevel: "silent",
    });
  }
  return {
    "^preact$": path.join(outDir, "preact.js"),
    "^preact/jsx-runtime$": path.join(outDir, "jsx-runtime.js"),
    "^preact/hooks$": path.join(outDir, "hooks.js"),
  };
}
