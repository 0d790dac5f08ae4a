import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

/**
 * A failure an operator can act on: its message is one sentence in Chinese and one in English saying
 * what went wrong and what to do. `npm start` and the other CLIs print it and nothing else — a stack
 * trace tells an operator nothing, so any other error's details go to a log file instead.
 */
export class StartError extends Error {
  constructor(chinese: string, english: string) {
    super(`${chinese} / ${english}`);
    this.name = "StartError";
  }
}

/**
 * The one line a CLI ends with when it fails. Known failures carry their own sentence; anything else
 * is summarised, with its stack appended to `<dataDir>/logs/start-errors.log` for whoever debugs it.
 */
export function failureMessage(error: unknown, dataDir: string): string {
  if (error instanceof StartError) return error.message;
  // ConfigError, MigrationError and BackupError (lib/) already speak both languages; keep them as they are.
  if (error instanceof Error && ["ConfigError", "MigrationError", "BackupError"].includes(error.name))
    return error.message;
  const logFile = path.resolve(dataDir, "logs", "start-errors.log");
  let where = logFile;
  try {
    mkdirSync(path.dirname(logFile), { recursive: true });
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    appendFileSync(logFile, `${new Date().toISOString()} ${detail}\n`, { mode: 0o600 });
  } catch {
    where = "（日志无法写入 / log not writable）";
  }
  const summary = error instanceof Error ? error.message : String(error);
  return (
    `启动失败：${summary}；请根据上面的日志排除问题后重试，详细信息见 ${where} / ` +
    `Start failed: ${summary}; fix what the log above reports and try again (details in ${where})`
  );
}
