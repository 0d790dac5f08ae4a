import type { Config } from "jest";
import nextJest from "next/jest.js";
import { preactCjsMappers } from "./tests/support/preact-cjs";

const createJestConfig = nextJest({ dir: "./" });

const config: Config = {
  testEnvironment: "<rootDir>/tests/support/environment.ts",
  globalSetup: "<rootDir>/tests/support/global-setup.ts",
  globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
  modulePathIgnorePatterns: ["<rootDir>/.next/", "<rootDir>/.data/"],
  testMatch: ["<rootDir>/tests/**/*.test.ts", "<rootDir>/tests/**/*.test.tsx"],
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    // `server-only` throws outside React's server bundle; tests are server code.
    "^server-only$": "<rootDir>/tests/support/empty-module.ts",
    // The public renderer's Preact is ESM-only (see tests/support/preact-cjs.ts).
    ...preactCjsMappers(__dirname),
  },
  // Integration and browser tests start servers and databases; give them room on a 2-core machine.
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default createJestConfig(config);
