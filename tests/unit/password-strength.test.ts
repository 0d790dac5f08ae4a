import { passwordRuleText } from "@/lib/auth/policy";
import { checkPasswordRules } from "@/lib/auth/policy";
import { siteWords, weakPasswordProblems } from "@/lib/auth/password-strength";

const site = siteWords({ siteName: "某市宣传网", shortName: "宣传网", siteUrl: "https://www.xcbdemo.gov.cn" });
const problems = (password: string, username = "editor") => [
  ...checkPasswordRules(password, username),
  ...weakPasswordProblems(password, { username, siteWords: site }),
];

describe("guessable passwords", () => {
  it.each(["Password123", "Passw0rd!!", "Qwerty12345", "Admin@12345", "Aaaaaaaaa1"])(
    "refuses %s, which passes length and classes",
    (password) => {
      expect(checkPasswordRules(password, "editor")).toEqual([]);
      expect(problems(password).length).toBeGreaterThan(0);
    },
  );

  it.each([
    ["P@ssw0rd2026!", passwordRuleText.common],
    ["DRAGON!2026", passwordRuleText.common],
    ["1qaz2wsx#EDC", passwordRuleText.sequence],
    ["Woaini1314!!", passwordRuleText.common],
    ["drowssaP!98", passwordRuleText.common],
    ["M0nk3y!!2026", passwordRuleText.common],
    ["2026@Sunshine", passwordRuleText.common],
  ])("finds the common password in %s", (password, message) => {
    expect(problems(password)).toContain(message);
  });

  it("refuses the username behind leet, and the site's name and domain", () => {
    expect(problems("3d1tor-Lamp9", "editor")).toContain(passwordRuleText.username);
    expect(problems("宣传网Lamp-9x")).toContain(passwordRuleText.siteName);
    expect(problems("Xcbdemo-Lamp9")).toContain(passwordRuleText.siteName);
  });

  it.each(["Zxcv-Lamp-97", "Lamp!@#$9x", "Lamp-9876-x", "Hijk-Lamp-9y", "Lamp-poiu-9"])(
    "refuses the keyboard or alphabet run in %s",
    (password) => {
      expect(problems(password)).toContain(passwordRuleText.sequence);
    },
  );

  it.each(["Lamp-999-xQ", "Ab1!Ab1!Ab1!", "Lampzzz-9Q!"])("refuses the repetition in %s", (password) => {
    expect(problems(password)).toContain(passwordRuleText.repeat);
  });

  it.each(["Qz7!wrenchBlue42", "Tiger-Lily-2926", "Mx8#pLq2vR9t", "梅花-Lamp-92x"])("accepts %s", (password) => {
    expect(problems(password)).toEqual([]);
  });

  it("speaks Chinese", () => {
    for (const message of [
      passwordRuleText.common,
      passwordRuleText.siteName,
      passwordRuleText.sequence,
      passwordRuleText.repeat,
    ])
      expect(message).toMatch(/[\u4e00-\u9fff]/);
  });
});
