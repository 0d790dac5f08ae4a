/**
 * Imported FIRST by tests that load route or action modules: lib/db.ts parses the environment when it
 * is imported, so uploads must be pointed at a temporary folder (and a small limit) before that.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const TEST_UPLOAD_DIR = mkdtempSync(path.join(os.tmpdir(), "cms-uploads-"));
export const TEST_UPLOAD_MAX_BYTES = 1_000_000;
export const TEST_SITE_URL = "http://cms.test:3000";

process.env.UPLOAD_DIR = TEST_UPLOAD_DIR;
process.env.UPLOAD_MAX_BYTES = String(TEST_UPLOAD_MAX_BYTES);
process.env.SITE_URL = TEST_SITE_URL;
