import { normalise, originalSpan, skeleton } from "@/lib/text/normalise";

/** The original text a skeleton range came from. */
function back(original: string, needle: string): string {
  const n = normalise(original);
  const at = n.text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in skeleton ${n.text}`);
  const span = originalSpan(n, at, at + needle.length);
  return original.slice(span.start, span.end);
}

describe("Chinese text normaliser", () => {
  it("folds width and case: full-width digits and letters read half-width", () => {
    expect(skeleton("\uff12\uff10\uff11\uff19年")).toBe("2019年");
    expect(skeleton("\uff27\uff22\uff0f\uff34 22239")).toBe("gb/t22239");
    expect(skeleton("ISO 9001")).toBe(skeleton("ISO9001"));
    expect(skeleton("COVID-19")).toBe(skeleton("COVID19"));
  });

  it("reads traditional characters as simplified", () => {
    expect(skeleton("法輪功")).toBe("法轮功");
    expect(skeleton("臺獨")).toBe("台独");
    expect(skeleton("黨建 鄉村振興 安全生產 漕涇鎮")).toBe("党建乡村振兴安全生产漕泾镇");
  });

  it("drops spaces, breaks, zero-width characters, fillers and quotes between Chinese characters", () => {
    expect(skeleton("法 轮 功")).toBe("法轮功");
    expect(skeleton("法\u3000轮\u3000功")).toBe("法轮功");
    expect(skeleton("法\n轮功")).toBe("法轮功");
    expect(skeleton("台\u200b独")).toBe("台独");
    expect(skeleton("法*轮功")).toBe("法轮功");
    expect(skeleton("习·大大")).toBe("习大大");
    expect(skeleton("\u201c一带一路\u201d战略")).toBe("一带一路战略");
    expect(skeleton("台湾\u201c总统\u201d")).toBe("台湾总统");
    expect(skeleton("\u201c十三五\u201d规划")).toBe("十三五规划");
  });

  it("drops every symbol, emoji and invisible mark between Chinese characters, not sentence punctuation", () => {
    for (const disguised of [
      "法\u{1f338}轮\u{1f338}功",
      "法\u2764\ufe0f轮功",
      "法\u00d7轮\u00d7功",
      "法\u25cb轮\u25cb功",
      "法\u25a1轮功",
      "法\u2605轮功",
      "法@轮@功",
      "法&轮&功",
      "法$轮$功",
      "法%轮功",
      "法\u203b轮功",
      "法<轮>功",
      "法\u202e轮\u202c功",
      "法\u2066轮\u2069功",
      "法\u0336轮\u0336功",
      "法\u3164轮功",
      "\u300a法轮功\u300b",
    ])
      expect(skeleton(disguised)).toBe("法轮功");
    expect(skeleton("\u300a一带一路\u300b战略")).toBe("一带一路战略");
    // Sentence punctuation separates what a reader reads apart: 平台，独立 is not 台独.
    for (const text of ["平台\uff0c独立", "烟台\u3001独山", "平台\uff01独立", "平台\uff1f独立", "平台\u3002独立"])
      expect(skeleton(text)).not.toContain("台独");
    // Between letters and digits the marks stay: AT&T, 15%, a@b.
    expect(skeleton("AT&T")).toBe("at&t");
    expect(skeleton("增长15%")).toBe("增长15%");
    expect(skeleton("office@example.gov.cn")).toBe("office@example.gov.cn");
  });

  it("keeps a space between two Latin words and a hyphen inside a word", () => {
    expect(skeleton("New  York")).toBe("new york");
    expect(skeleton("e-mail")).toBe("e-mail");
  });

  it("reads numbers in their common forms alike", () => {
    const forms = ["3000万元", "3,000万元", "三千万元", "\uff13\uff10\uff10\uff10万元", "3\uff0c000万元"];
    for (const form of forms) expect(skeleton(form)).toBe("3000万元");
    expect(skeleton("一千二百人")).toBe("1200人");
    expect(skeleton("三十万")).toBe("30万");
    expect(skeleton("一百零五")).toBe("105");
  });

  it("reads a count of 万 or 亿 alike in digits and in numerals, also one digit or one beginning with 十", () => {
    for (const [numerals, digits] of [
      ["两万吨", "2万吨"],
      ["二万", "2万"],
      ["五亿元", "5亿元"],
      ["十二万剂次", "12万剂次"],
      ["十万人", "10万人"],
      ["九十九万", "99万"],
      ["十五亿", "15亿"],
    ]) {
      expect(skeleton(numerals)).toBe(skeleton(digits));
      expect(skeleton(numerals)).toBe(digits);
    }
    // The offset map spans the whole numeral for every digit it became.
    const read = normalise("共十二万剂次");
    expect(read.text).toBe("共12万剂次");
    expect([read.starts[1], read.ends[2]]).toEqual([1, 3]);
  });

  it("reads a number with 十 before a measure word, a percentage, a digit before 千万 and a year alike in both forms", () => {
    for (const [numerals, digits] of [
      ["十五元", "15元"],
      ["六十岁以上", "60岁以上"],
      ["第十二次会议", "第12次会议"],
      ["二十余处", "20余处"],
      ["十年", "10年"],
      ["五十六个民族", "56个民族"],
      ["十八届三中全会", "18届三中全会"],
      ["十二月", "12月"],
      ["增长百分之十五", "增长15%"],
      ["百分之百", "100%"],
      ["下降百分之四", "下降4%"],
      ["百分之一百二十", "120%"],
      ["投入5千万元", "投入5000万元"],
      ["二〇二三年", "2023年"],
    ]) {
      expect(skeleton(numerals)).toBe(digits);
      expect(skeleton(digits)).toBe(digits);
    }
    // The offset map spans the whole written form for each character it became.
    const percent = normalise("增长百分之十五。");
    expect(percent.text).toBe("增长15%。");
    expect([percent.starts[2], percent.ends[4]]).toEqual([2, 7]);
    expect(back("投入5千万元", "5000万")).toBe("5千万");
  });

  it("reads decimal percentages and dates alike in both forms", () => {
    expect(skeleton("增长百分之五点二")).toBe(skeleton("增长5.2%"));
    expect(skeleton("百分之五点二五")).toBe("5.25%");
    expect(skeleton("百分之十")).toBe("10%");
    expect(skeleton("百分之零点五")).toBe("0.5%");
    expect(skeleton("九月一日")).toBe(skeleton("9月1日"));
    expect(skeleton("二〇二三年九月")).toBe(skeleton("2023年9月"));
    expect(skeleton("十二月三十一日")).toBe("12月31日");
    expect(skeleton("三月五号")).toBe("3月5号");
    // A month alone, a day count and a 点 without decimals stay as written.
    for (const text of ["一月份", "一日三餐", "五四运动", "百分之三点", "三个月"]) expect(skeleton(text)).toBe(text);
  });

  it("leaves numerals that are names or words alone", () => {
    expect(skeleton("十三五")).toBe("十三五");
    expect(skeleton("一带一路")).toBe("一带一路");
    expect(skeleton("老百姓")).toBe("老百姓");
    expect(skeleton("千万不要")).toBe("千万不要");
    expect(skeleton("2019,2020")).toBe("2019,2020");
    // Words that begin with a numeral and 万 are not counts of 万.
    expect(skeleton("万一")).toBe("万一");
    expect(skeleton("千万")).toBe("千万");
    expect(skeleton("十二五规划")).toBe("十二五规划");
    // Before a word that is not a measure, or one digit before a measure word: left as written.
    expect(skeleton("党的十九大")).toBe("党的十九大");
    expect(skeleton("二十四节气")).toBe("二十四节气");
    expect(skeleton("十分重要")).toBe("十分重要");
    expect(skeleton("一个中心")).toBe("一个中心");
    expect(skeleton("三个代表")).toBe("三个代表");
    expect(skeleton("百分比")).toBe("百分比");
    expect(skeleton("5千米")).toBe("5千米");
    expect(skeleton("一九八四")).toBe("一九八四");
  });

  describe("offset map", () => {
    it("maps every skeleton character to the original character it came from", () => {
      const original = "他说：法 *轮\u200b功，不行";
      const n = normalise(original);
      expect(n.text.length).toBe(n.starts.length);
      expect(n.text.length).toBe(n.ends.length);
      for (let i = 0; i < n.text.length; i += 1) {
        expect(n.starts[i]).toBeLessThan(n.ends[i]);
        if (i > 0) expect(n.starts[i]).toBeGreaterThanOrEqual(n.ends[i - 1]);
      }
    });

    it("gives back the span as written, disguise included", () => {
      expect(back("他说：法 *轮\u200b功，不行", "法轮功")).toBe("法 *轮\u200b功");
      expect(back("这是法輪功的", "法轮功")).toBe("法輪功");
      expect(back("共\uff13\uff10\uff10\uff10万元", "3000万")).toBe("\uff13\uff10\uff10\uff10万");
      expect(back("投资三千万元", "3000万元")).toBe("三千万元");
      expect(back("投资3,000万元", "3000")).toBe("3,000");
      expect(back("\u201c一带一路\u201d战略", "一带一路战略")).toBe("一带一路\u201d战略");
    });

    it("maps a part of a converted numeral to the whole numeral", () => {
      expect(back("三千万元", "30")).toBe("三千");
    });

    it("keeps astral characters whole", () => {
      const original = "𠮷野家 台独";
      expect(back(original, "台独")).toBe("台独");
      expect(back(original, "𠮷")).toBe("𠮷");
    });

    it("maps an empty range to a position", () => {
      const n = normalise("甲 乙");
      expect(originalSpan(n, 1, 1)).toEqual({ start: 2, end: 2 });
      expect(originalSpan(n, 2, 2)).toEqual({ start: 3, end: 3 });
    });
  });
});
