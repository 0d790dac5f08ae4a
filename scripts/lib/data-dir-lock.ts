import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { StartError } from "./start-error";

/**
 * One process at a time owns a data directory's embedded PostgreSQL: `npm start`, or a CLI that had to
 * start the server itself. The lock is a file holding the owner's pid, command and start time, created
 * atomically (link(2) fails when it exists); a lock whose pid is gone is stale (the owner was killed)
 * and is taken over. Released on exit.
 */
export interface DataDirLock {
  release(): void;
}

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  /** The process's start time in clock ticks (/proc), so a reused pid is not taken for the holder. */
  startTicks?: string;
}

const LOCK_NAME = "cms.lock";

export function lockFile(dataDir: string): string {
  return path.resolve(dataDir, LOCK_NAME);
}

function startTicks(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces, so count from its ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process holding the data directory, if any. */
export function lockHolder(dataDir: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(lockFile(dataDir), "utf8")) as LockHolder;
    if (!Number.isInteger(holder.pid) || !isAlive(holder.pid)) return null;
    const ticks = startTicks(holder.pid);
    return holder.startTicks && ticks && holder.startTicks !== ticks ? null : holder;
  } catch {
    return null;
  }
}

export function lockDataDir(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  const holder: LockHolder = {
    pid: process.pid,
    command,
    since: new Date().toISOString(),
    startTicks: startTicks(process.pid),
  };
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(holder), { mode: 0o644 });
  try {
    let taken = false;
    for (let attempt = 0; attempt < 5 && !taken; attempt++) {
      try {
        linkSync(temporary, file);
        taken = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const other = lockHolder(dataDir);
        if (other) throw busy(dataDir, other);
        // Stale: its owner died without releasing it. (Two starters taking over the same stale lock in
        // the same millisecond could both win; a start is a human action, so that is left unhandled.)
        try {
          unlinkSync(file);
        } catch {
          // another starter removed it first; the next link decides
        }
      }
    }
    if (!taken) {
      throw new StartError(
        `无法锁定数据目录 ${path.resolve(dataDir)}，请稍后重试`,
        `could not lock the data directory ${path.resolve(dataDir)}; try again`,
      );
    }
  } finally {
    unlinkSync(temporary);
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      const current = JSON.parse(readFileSync(file, "utf8")) as LockHolder;
      if (current.pid === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return { release };
}

function busy(dataDir: string, holder: LockHolder): StartError {
  const dir = path.resolve(dataDir);
  return new StartError(
    `数据目录 ${dir} 正被进程 ${holder.pid}（${holder.command}，自 ${holder.since} 起）使用；请先停止该进程（kill ${holder.pid}），或用另一个 DATA_DIR 启动`,
    `the data directory ${dir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}); stop it first (kill ${holder.pid}) or start with another DATA_DIR`,
  );
}
