import { ARTICLE_SLUG, slugFormatError, slugFromTitle } from "@/lib/articles/slug";
import { articlesText } from "@/lib/articles/messages";

describe("slugFromTitle (pinyin via pinyin-pro)", () => {
  it.each([
    ["化工区党建的“拓荒牛”", "hua-gong-qu-dang-jian-de-tuo-huang"],
    ["重庆银行行长", "chong-qing-yin-hang-hang-zhang"],
    ["乡村振兴看变化", "xiang-cun-zhen-xing-kan-bian-hua"],
    ["2026年 全区 GDP 增长", "2026-nian-quan-qu-gdp-zeng-zhang"],
    ["女篮夺冠", "nv-lan-duo-guan"],
    ["ＡＢＣ全角字母", "abc-quan-jiao-zi-mu"],
  ])("%s → %s", (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it("keeps at most eight syllables and 60 characters, cut at a syllable", () => {
    const slug = slugFromTitle("深入学习贯彻党的二十大精神奋力谱写中国式现代化新篇章");
    expect(slug.split("-")).toHaveLength(8);
    expect(slugFromTitle("a".repeat(100)).length).toBeLessThanOrEqual(60);
  });

  it("always gives a valid slug, even for a title with no letters", () => {
    for (const title of ["！？……", "a", "——", "【先锋】", "x".repeat(300)]) {
      expect(slugFromTitle(title)).toMatch(ARTICLE_SLUG);
    }
  });

  it("validates slugs with a Chinese message", () => {
    expect(slugFormatError("hua-gong-qu")).toBeNull();
    expect(slugFormatError("2026-15f7e18cc6")).toBeNull();
    for (const bad of ["", "ab", "Hua", "a--b", "-ab", "ab-", "a b", "中文", "a".repeat(81), "../x"]) {
      expect(slugFormatError(bad)).toBe(articlesText.validation.slugInvalid);
    }
  });
});
