import type { FormState } from "./form-state";

/**
 * A list the admin edits as text, one entry a line (领导职务配置, 搜索同义词): read line by line,
 * every bad line reported by its number, nothing lost (the form keeps the text).
 */

/** A line that is not an entry: the message names the line. */
export class LineProblem {
  constructor(readonly message: string) {}
}

/**
 * Each non-blank line, trimmed, through `read`: an entry, a LineProblem, or null for a line that is
 * no entry (a `#` comment). Lines break at CRLF, LF or CR (a textarea submits CRLF).
 */
export function readLines<T>(
  text: string,
  read: (line: string, number: number) => T | LineProblem | null,
): { entries: T[]; errors: string[] } {
  const entries: T[] = [];
  const errors: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const entry = read(line, index + 1);
    if (entry instanceof LineProblem) errors.push(entry.message);
    else if (entry !== null) entries.push(entry);
  });
  return { entries, errors };
}

/** A line-list parser as a guardedAction's schema: the entries, or every line's problem. */
export function lineListSchema<T>(parse: (text: string) => { entries: T; errors: string[] }) {
  return {
    safeParse: (text: unknown): { success: true; data: T } | { success: false; error: string[] } => {
      const { entries, errors } = parse(typeof text === "string" ? text : "");
      return errors.length > 0 ? { success: false, error: errors } : { success: true, data: entries };
    },
  };
}

/** The refusal of a line list: every problem, joined into one message above and beside the field. */
export function lineListInvalid(field: string, separator: string) {
  return (errors: string[]): FormState => {
    const message = errors.join(separator);
    return { status: "error", code: "VALIDATION", message, fieldErrors: { [field]: message }, at: Date.now() };
  };
}
