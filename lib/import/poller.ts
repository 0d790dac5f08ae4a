import "server-only";
import { db } from "@/lib/db";
import { mediaStorage } from "@/lib/media/storage";
import { runOneImport } from "./runner";

const POLL_INTERVAL_MS = 5_000;

const state = globalThis as unknown as { importPoller?: NodeJS.Timeout };

/**
 * Works import batches in this server process (started by instrumentation.ts), apart from the
 * scheduled-publishing poller: a large import takes minutes and must not hold up a publication due.
 */
export function startImportPoller(): void {
  if (state.importPoller) return;
  let running = false;
  state.importPoller = setInterval(() => {
    if (running) return;
    running = true;
    (async () => {
      while (await runOneImport(db, mediaStorage())) {
        // One batch after another while there are any.
      }
    })()
      .catch((error: unknown) => console.error("import: polling failed", error))
      .finally(() => {
        running = false;
      });
  }, POLL_INTERVAL_MS);
  state.importPoller.unref();
}
