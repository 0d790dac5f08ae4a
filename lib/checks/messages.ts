import type { HitLevel, HitRule } from "./types";

/** UI text of the content checks (zh-CN), shown in the editor, the review screen and the term admin. */
export const checksText = {
  levelLabels: { BLOCK: "禁用", WARN: "提示" } satisfies Record<HitLevel, string>,
  ruleLabels: {
    term: "错敏词",
    leaderTitle: "领导职务",
    punctuation: "标点符号",
    repeatedPunctuation: "重复标点",
  } satisfies Record<HitRule, string>,
  fieldLabels: { title: "标题", lead: "导语", summary: "摘要", body: "正文" },
  categories: { punctuation: "标点符号", leaderTitle: "领导职务" },

  term: (level: HitLevel) => (level === "BLOCK" ? "禁用词，必须修改后才能提交" : "请核实此处用词"),
  termWithSuggestion: (suggestion: string) => `建议改为「${suggestion}」`,
  leaderTitle: (name: string, found: string, allowed: readonly string[]) =>
    `「${name}」的职务应为「${allowed.join("」或「")}」，此处写作「${found}」`,
  halfWidth: (found: string, fullWidth: string) => `中文语句中使用了半角标点「${found}」，应为全角「${fullWidth}」`,
  repeated: (found: string) => `标点「${found}」重复`,
};
