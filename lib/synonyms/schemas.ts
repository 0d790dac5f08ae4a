import { z } from "zod";
import { LineProblem, readLines } from "@/lib/forms/line-list";

/** Messages of the synonym list (zh-CN). */
export const synonymsText = {
  title: "搜索同义词",
  intro:
    "每行一组可以互相检索到的词语，用“=”、顿号、逗号或空格分隔，例如：新冠=新型冠状病毒。读者搜索其中任一个词，包含同组其他词的文章也会被找到。",
  field: "同义词组",
  save: "保存同义词",
  saved: "同义词已保存",
  tooFewWords: (line: number) => `第 ${line} 行至少需要两个不同的词语`,
  wordTooLong: (line: number) => `第 ${line} 行有超过 50 个字的词语`,
  tooManyWords: (line: number) => `第 ${line} 行的词语超过 20 个`,
  tooManyGroups: "同义词组不能超过 500 组",
};

const SEPARATORS = /[=\uff1d\u3001,\uff0c;\uff1b\s]+/u;

const groupSchema = z.array(z.string().min(1).max(50)).min(2).max(20);

/** The textarea → groups; errors name the line, in Chinese; nothing is lost (the form keeps the text). */
export function parseSynonymText(text: string): { groups: string[][]; errors: string[] } {
  const { entries: groups, errors } = readLines(text, (line, number) => {
    const words = [
      ...new Set(
        line
          .split(SEPARATORS)
          .map((word) => word.trim())
          .filter(Boolean),
      ),
    ];
    const parsed = groupSchema.safeParse(words);
    if (parsed.success) return parsed.data;
    if (words.length < 2) return new LineProblem(synonymsText.tooFewWords(number));
    if (words.length > 20) return new LineProblem(synonymsText.tooManyWords(number));
    return new LineProblem(synonymsText.wordTooLong(number));
  });
  if (groups.length > 500) errors.push(synonymsText.tooManyGroups);
  return { groups, errors };
}

export function formatSynonyms(groups: readonly (readonly string[])[]): string {
  return groups.map((group) => group.join("=")).join("\n");
}
