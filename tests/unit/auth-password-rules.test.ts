import { authPolicy, checkPasswordRules, passwordRuleText } from "@/lib/auth/policy";

describe("password rules (等保2.0 defaults)", () => {
  it("has the documented defaults in one place", () => {
    expect(authPolicy.password).toMatchObject({ minLength: 10, minClasses: 3, historySize: 5 });
    expect(authPolicy.lockout).toEqual({ maxFailures: 5, windowMinutes: 15, lockMinutes: 15 });
    expect(authPolicy.session).toMatchObject({ idleMinutes: 30, absoluteHours: 12 });
  });

  it("accepts ten characters of three classes", () => {
    expect(checkPasswordRules("abcdefgh12X", "editor")).toEqual([]);
    expect(checkPasswordRules("abcdefgh1!", "editor")).toEqual([]);
    expect(checkPasswordRules("Qz7!wrenchBlue42", "reviewer1")).toEqual([]);
  });

  it("refuses fewer than ten characters", () => {
    expect(checkPasswordRules("Abc123!xy", "editor")).toEqual([passwordRuleText.minLength]);
  });

  it("refuses fewer than three character classes", () => {
    expect(checkPasswordRules("abcdefghijkl", "editor")).toEqual([passwordRuleText.classes]);
    expect(checkPasswordRules("abcdefgh1234", "editor")).toEqual([passwordRuleText.classes]);
  });

  it("refuses a password containing the username, whatever the case", () => {
    expect(checkPasswordRules("xxEDITOR12!", "editor")).toEqual([passwordRuleText.username]);
  });

  it("reports every broken rule in Chinese", () => {
    const problems = checkPasswordRules("editor", "editor");
    expect(problems).toEqual([passwordRuleText.minLength, passwordRuleText.classes, passwordRuleText.username]);
    for (const problem of problems) expect(problem).toMatch(/[\u4e00-\u9fff]/);
  });
});
