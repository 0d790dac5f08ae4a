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
    // Layering: a request walks app/ → components/ → lib/, never back up. lib/ is what routes, server
    // actions, scripts and tests share; a lib/ module that reached into components/ or app/ would drag UI
    // or a route into every caller (and into scripts/server.ts, which runs outside Next's bundle).
    files: ["lib/**/*.{ts,tsx,mjs,js}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/components", "@/components/**", "@/app", "@/app/**"],
              message: "lib/ must not import components/ or app/: move the shared code down into lib/.",
            },
            {
              // Relative paths that climb out of lib/ (lib/ has no folders named components or app).
              regex: "^(\\.\\./)+(components|app)(/|$)",
              message: "lib/ must not import components/ or app/: move the shared code down into lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // The public site's browser scripts are written in ES5 for older browsers, where `catch` must name
    // its binding (optional catch binding is ES2019) even when the handler does not use it.
    files: ["public/assets/**/*.js"],
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { caughtErrors: "none" }] },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "coverage/**"]),
]);
