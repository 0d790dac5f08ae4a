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

  /** The editor's list of the last save's hits, under the body and beside the title, lead and summary. */
  editor: {
    title: "内容检查（上次保存时）",
    clean: "上次保存的内容未发现错敏词或不规范表述。",
    blocking: "含禁用表述，修改后才能提交审核。",
    locate: "定位",
    locateLabel: (term: string) => `在正文中定位「${term}」`,
    gone: "该处内容已修改，保存后将重新检查",
    fieldHits: (field: string) => `${field}的内容检查`,
  },
};
