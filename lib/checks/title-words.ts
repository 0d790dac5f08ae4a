/**
 * Title words the leader rule recognises next to a configured leader's name. A configured leader's
 * own titles are added to these; a word found next to the name that is not one of them is flagged.
 */
export const TITLE_WORDS: readonly string[] = [
  "总书记", "书记", "副书记", "常委", "委员", "主席", "副主席", "总理", "副总理",
  "省长", "副省长", "市长", "副市长", "区长", "副区长", "县长", "副县长", "镇长", "副镇长", "乡长", "副乡长",
  "省委书记", "省委副书记", "市委书记", "市委副书记", "区委书记", "区委副书记", "县委书记", "县委副书记",
  "党委书记", "党委副书记", "党组书记", "党组副书记", "党工委书记", "党工委副书记",
  "主任", "副主任", "部长", "副部长", "厅长", "副厅长", "局长", "副局长", "处长", "副处长", "科长", "副科长",
  "秘书长", "副秘书长", "院长", "副院长", "校长", "副校长", "会长", "副会长", "社长", "副社长",
  "董事长", "副董事长", "总经理", "副总经理", "检察长", "副检察长", "庭长", "组长", "副组长", "总编辑",
];
