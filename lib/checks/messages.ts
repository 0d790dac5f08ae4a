import type { CheckField, HitLevel, HitRule } from "./types";

/** UI text of the content checks (zh-CN), shown in the editor, the review screen and the term admin. */
export const checksText = {
  levelLabels: { BLOCK: "禁用", WARN: "提示" } satisfies Record<HitLevel, string>,
  ruleLabels: {
    term: "错敏词",
    leaderTitle: "领导职务",
    punctuation: "标点符号",
    repeatedPunctuation: "重复标点",
  } satisfies Record<HitRule, string>,
  fieldLabels: {
    title: "标题",
    overTitle: "引题",
    subtitle: "副题",
    seriesMark: "系列标识",
    lead: "导语",
    summary: "摘要",
    source: "来源",
    byline: "作者",
    responsibleEditor: "责任编辑",
    body: "正文",
    figureAlt: "图片替代文字",
    mediaCaption: "图片说明（媒体库）",
    coverAlt: "封面图替代文字",
    coverCaption: "封面图说明",
    profileName: "人物姓名",
    profileHonour: "荣誉称号",
    profilePosition: "职务",
    profileOrganisation: "所在单位",
    portraitAlt: "人物照片替代文字",
  } satisfies Record<CheckField, string>,
  categories: { punctuation: "标点符号", leaderTitle: "领导职务" },

  term: (level: HitLevel) => (level === "BLOCK" ? "禁用词，必须修改后才能提交" : "请核实此处用词"),
  termWithSuggestion: (suggestion: string) => `建议改为「${suggestion}」`,
  leaderTitle: (name: string, found: string, allowed: readonly string[]) =>
    `「${name}」的职务应为「${allowed.join("」或「")}」，此处写作「${found}」`,
  leaderNamesake: (name: string, found: string, allowed: readonly string[]) =>
    `请核实是否为${name}同志：${name}同志的职务为「${allowed.join("」或「")}」，此处写作「${found}」；如为同名人员可忽略`,
  straightQuotes: "中文语句中使用了直引号，应为中文引号「\u201c\u201d」",
  straightSingleQuotes: "中文语句中使用了直单引号，应为中文单引号「\u2018\u2019」",
  ellipsis: (found: string) => `「${found}」应为中文省略号「\u2026\u2026」`,
  grouped: (count: number) => `（共 ${count} 处）`,
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

/** 已发布稿件复查 (./sweep.ts, /admin/terms/sweep). */
export const sweepText = {
  title: "已发布稿件复查",
  intro:
    "错敏词表或领导职务配置变更后，系统自动用新的规则复查所有已发布稿件的已发布版本（标题、导语、摘要、正文、图片说明与替代文字、来源、作者、人物信息），命中项列在这里，由所在栏目的终审核查处理。系统不会自动修改或撤下任何稿件。",
  interrupted: "复查进程中断（服务重启或异常退出），请重新复查",
  notification: (column: string, count: number) =>
    `已发布稿件复查：栏目「${column}」有 ${count} 篇已发布稿件命中新的错敏词或领导职务规则，请核查`,
  runNow: "立即复查",
  queued: "已加入复查队列，几秒后开始",
  running: (done: number, total: number) => `正在复查：已检查 ${done} / ${total} 篇`,
  waiting: "复查已排队，等待开始",
  failed: (error: string) => `上次复查失败：${error}`,
  lastRun: (at: string, checked: number, articles: number, hits: number) =>
    `上次复查完成于 ${at}：检查已发布稿件 ${checked} 篇，${articles} 篇有命中，共 ${hits} 处`,
  neverRun: "尚未复查过。错敏词表或领导职务配置变更后会自动复查，也可点击“立即复查”。",
  empty: "在您负责的栏目中，已发布稿件未发现命中错敏词或领导职务规则的内容。",
  emptyHint: "词表再次变更后系统会自动重新复查。",
  shown: (shown: number, total: number) =>
    shown < total ? `共 ${total} 处，显示前 ${shown} 处（可按栏目筛选）` : `共 ${total} 处`,
  allColumns: "全部栏目",
  filter: "筛选",
  columns: {
    article: "稿件",
    column: "栏目",
    field: "位置",
    term: "命中内容",
    level: "级别",
    excerpt: "上下文",
    actions: "操作",
  },
  edit: "修改稿件",
  review: "审核页",
  suggestion: (text: string) => `建议：${text}`,
};
