import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * An append-only log file that is rotated by size: `name.log` → `name.log.1` → … → `name.log.<keep>`,
 * the oldest dropped. Written synchronously, so nothing is lost when the process dies right after a
 * line; the volume it is used for (PostgreSQL's own messages) is small.
 */
export class RotatingLog {
  private fd: number | null = null;
  private size = 0;

  constructor(
    readonly file: string,
    private readonly maxBytes = 10 * 1024 * 1024,
    private readonly keep = 5,
  ) {}

  private open(): number {
    if (this.fd === null) {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.file, "a", 0o600);
      this.size = fstatSync(this.fd).size;
    }
    return this.fd;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let index = this.keep - 1; index >= 1; index--) {
      try {
        renameSync(`${this.file}.${index}`, `${this.file}.${index + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(this.file, `${this.file}.1`);
  }

  write(chunk: Buffer | string): void {
    try {
      const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      if (this.size > 0 && this.size + data.length > this.maxBytes) this.rotate();
      writeSync(this.open(), data);
      this.size += data.length;
    } catch {
      // A full or read-only disk must not take the database down with it.
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
