import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Import FIRST in a test file that needs STATIC_DIR: lib/env.ts reads the environment once, when the
 * database client is created on import, so the variable must be set before any app module loads.
 */
process.env.STATIC_DIR = mkdtempSync(path.join(os.tmpdir(), "cms-outbox-static-"));

export const STATIC_DIR = process.env.STATIC_DIR;
