import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Public pages are plain HTML documents rendered by Preact, not Next pages: no next/head, no next/image.
    files: ["components/public/**/*.tsx"],
    rules: { "@next/next/no-head-element": "off", "@next/next/no-img-element": "off" },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "coverage/**"]),
]);
