import type { TermLevel } from "@/lib/generated/prisma/enums";
import { termsText } from "./messages";
import { termFieldsSchema, type TermFields } from "./schemas";

/**
 * The term list as a text file, one term a line, tab-separated:
 *
 *   term <TAB> level <TAB> suggestion <TAB> category [<TAB> exception|exception…]
 *
 * level is BLOCK / WARN (any case) or 禁用 / 提示. Blank lines and lines starting with # are skipped.
 * Export writes the same format, so an exported file imports back unchanged.
 */

const LEVELS: Record<string, TermLevel> = { block: "BLOCK", warn: "WARN", 禁用: "BLOCK", 提示: "WARN" };

export interface ParsedLine {
  line: number;
  fields: TermFields;
}

export interface RejectedLine {
  line: number;
  text: string;
  reason: string;
}

export function parseTermFile(text: string): { rows: ParsedLine[]; rejected: RejectedLine[] } {
  const rows: ParsedLine[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "" || raw.trimStart().startsWith("#")) return;
    const columns = raw.split("\t");
    if (columns.length < 2 || columns.length > 5) {
      rejected.push({ line, text: raw, reason: termsText.importErrors.columns });
      return;
    }
    const [term, level, suggestion = "", category = "", exceptions = ""] = columns;
    const parsed = termFieldsSchema.safeParse({
      term,
      level: LEVELS[level.trim().toLowerCase()] ?? level.trim(),
      suggestion,
      category,
      exceptions: exceptions.split("|"),
    });
    if (!parsed.success) {
      rejected.push({
        line,
        text: raw,
        reason: parsed.error.issues[0]?.message ?? termsText.validation.invalidRequest,
      });
      return;
    }
    const first = seen.get(parsed.data.term);
    if (first !== undefined) {
      rejected.push({ line, text: raw, reason: termsText.importErrors.duplicate(first) });
      return;
    }
    seen.set(parsed.data.term, line);
    rows.push({ line, fields: parsed.data });
  });
  return { rows, rejected };
}

export function formatTermFile(terms: readonly TermFields[]): string {
  const lines = terms.map((term) => {
    const columns = [term.term, term.level, term.suggestion, term.category];
    if (term.exceptions.length > 0) columns.push(term.exceptions.join("|"));
    return columns.join("\t");
  });
  return `# 错敏词词库：词条\t级别\t建议替换\t分类\t例外词（可选，用 | 分隔）\n${lines.join("\n")}\n`;
}
