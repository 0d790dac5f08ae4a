import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Public pages are plain HTML documents rendered by Preact, not Next pages: no next/head, no next/image.
    files: ["lib/public/render/**/*.tsx"],
    rules: { "@next/next/no-head-element": "off", "@next/next/no-img-element": "off" },
  },
  {
    // The public site's browser scripts are written in ES5 for older browsers, where `catch` must name
    // its binding (optional catch binding is ES2019) even when the handler does not use it.
    files: ["public/assets/**/*.js"],
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { caughtErrors: "none" }] },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "coverage/**"]),
]);
