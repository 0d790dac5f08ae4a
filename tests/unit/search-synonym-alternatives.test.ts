import { buildSynonymMap, MAX_ALTERNATIVES, termAlternatives } from "@/lib/public/data/search-synonyms";

/** Issue 14: a query term's alternatives from the admin's synonym groups (lib/public/data/search-synonyms.ts). */
describe("a term's synonym alternatives", () => {
  const groups = buildSynonymMap([
    ["新冠", "新型冠状病毒"],
    ["危化品", "危险化学品"],
    ["化工区", "化学工业区"],
    ["党", "中国共产党"],
  ]);

  it("are the term itself first, then its synonyms", () => {
    expect(termAlternatives("新冠", groups)).toEqual(["新冠", "新型冠状病毒"]);
    expect(termAlternatives("乡村振兴", groups)).toEqual(["乡村振兴"]);
  });

  it("replace a synonym word inside a longer term, every occurrence of it, either way round", () => {
    expect(termAlternatives("新冠疫苗", groups)).toEqual(["新冠疫苗", "新型冠状病毒疫苗"]);
    expect(termAlternatives("新型冠状病毒疫苗", groups)).toEqual(["新型冠状病毒疫苗", "新冠疫苗"]);
    expect(termAlternatives("危化品运输", groups)).toEqual(["危化品运输", "危险化学品运输"]);
    expect(termAlternatives("新冠新冠", groups)).toEqual(["新冠新冠", "新型冠状病毒新型冠状病毒"]);
    expect(termAlternatives("化工区危化品", groups)).toEqual(["化工区危化品", "化工区危险化学品", "化学工业区危化品"]);
  });

  it("leave one-character words inside a term alone, and stay within the limit", () => {
    expect(termAlternatives("党建", groups)).toEqual(["党建"]);
    expect(termAlternatives("党", groups)).toEqual(["党", "中国共产党"]);
    const many = buildSynonymMap(Array.from({ length: 20 }, (_, i) => [`甲${i}`, `乙${i}`]));
    const term = Array.from({ length: 20 }, (_, i) => `甲${i}`).join("");
    const alternatives = termAlternatives(term, many);
    expect(alternatives).toHaveLength(MAX_ALTERNATIVES);
    expect(alternatives[0]).toBe(term);
  });
});
