import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { SourceFile } from "./types";

/**
 * Reads a source from disk for the CLI: a file (WXR, RSS/Atom) or a folder (a `wget --mirror` copy,
 * or an export with its uploads folder), every file under it with its path relative to the root.
 * Hidden files and files over `maxFileBytes` are left out.
 */
export async function readSourceFiles(root: string, maxFileBytes = 50 * 1024 * 1024): Promise<SourceFile[]> {
  const info = await stat(root);
  if (info.isFile()) return [{ path: path.basename(root), data: await readFile(root) }];
  const files: SourceFile[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && (await stat(full)).size <= maxFileBytes) {
        files.push({ path: path.relative(root, full).split(path.sep).join("/"), data: await readFile(full) });
      }
    }
  }
  await walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
