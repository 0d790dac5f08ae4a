import { updateSiteSettings } from "@/lib/settings/commands";
import { settingsText } from "@/lib/settings/messages";
import { DEFAULT_SITE_SETTINGS, getSiteSettings, parseStoredSettings } from "@/lib/settings/queries";
import { siteSettingsSchema } from "@/lib/settings/schemas";
import { testDb } from "../support/factories";

const db = testDb();
afterAll(() => db.$disconnect());

const v = settingsText.validation;

/** What a complete, valid form posts. */
const valid = {
  siteName: "市经济信息化委党建网",
  shortName: "经信党建",
  logoMediaId: "",
  sponsor: "中共某市经济和信息化工作委员会",
  organizer: "某市经济和信息化委员会办公室",
  contact: "某市某路 1 号 电话 021-00000000",
  siteCode: "3100000001",
  icpNumber: "沪ICP备12345678号-1",
  icpLink: "https://beian.miit.gov.cn/",
  policeNumber: "沪公网安备 31010102000001号",
  policeLink: "",
  defaultSource: "市经济信息化委",
  timeZone: "Asia/Shanghai",
  showViewCount: "on",
};

function firstError(input: Record<string, unknown>): { field: string; message: string } | null {
  const result = siteSettingsSchema.safeParse(input);
  if (result.success) return null;
  return { field: String(result.error.issues[0].path[0]), message: result.error.issues[0].message };
}

let admin: { id: string };
beforeAll(async () => {
  admin = await db.user.create({
    data: {
      username: "settings.admin",
      displayName: "管理员",
      passwordHash: "x",
      roles: { create: [{ role: "ADMIN" }] },
    },
  });
});

describe("site settings validation", () => {
  it("accepts a complete footer and fills the 公安 link from the record number", () => {
    const result = siteSettingsSchema.parse(valid);
    expect(result.policeLink).toBe("http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31010102000001");
    expect(result.showViewCount).toBe(true);
    expect(result.logoMediaId).toBeNull();
  });

  it.each([
    [{ siteName: "  " }, "siteName", v.siteNameRequired],
    [{ siteName: "网".repeat(61) }, "siteName", v.siteNameTooLong],
    [{ icpLink: "https://beian.example.com/" }, "icpLink", v.icpLink],
    [{ icpLink: "javascript:alert(1)" }, "icpLink", v.icpLink],
    [{ icpLink: "not a url" }, "icpLink", v.icpLink],
    [{ icpNumber: "ICP 12345" }, "icpNumber", v.icpNumber],
    [{ policeNumber: "沪公网安备 123号" }, "policeNumber", v.policeNumber],
    [
      { policeLink: "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=99999999999999" },
      "policeLink",
      v.policeLink,
    ],
    [{ policeLink: "https://evil.example/?recordcode=31010102000001" }, "policeLink", v.policeLink],
    [
      { policeNumber: "", policeLink: "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=31010102000001" },
      "policeLink",
      v.policeLinkWithoutNumber,
    ],
    [{ siteCode: "31000" }, "siteCode", v.siteCode],
    [{ timeZone: "Mars/Olympus" }, "timeZone", v.timeZone],
    [{ logoMediaId: "not-an-id" }, "logoMediaId", v.logoMissing],
  ])("refuses %j with a Chinese message", (override, field, message) => {
    expect(firstError({ ...valid, ...override })).toEqual({ field, message });
  });

  it("accepts every time zone the runtime knows", () => {
    expect(firstError({ ...valid, timeZone: "Asia/Urumqi" })).toBeNull();
    expect(firstError({ ...valid, timeZone: "UTC" })).toBeNull();
  });
});

describe("reading and saving site settings", () => {
  it("gives the defaults before anything is saved", async () => {
    expect(await getSiteSettings(db)).toEqual(DEFAULT_SITE_SETTINGS);
    expect(DEFAULT_SITE_SETTINGS.timeZone).toBe("Asia/Shanghai");
  });

  it("saves the settings and logs old and new values of what changed", async () => {
    const first = siteSettingsSchema.parse(valid);
    await updateSiteSettings(db, admin, first);
    expect(await getSiteSettings(db)).toEqual(first);

    const second = siteSettingsSchema.parse({ ...valid, siteName: "新名称", showViewCount: "" });
    const result = await updateSiteSettings(db, admin, second);
    expect(result.changed.sort()).toEqual(["showViewCount", "siteName"]);

    const events = await db.auditEvent.findMany({ where: { action: "settings.update" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actorId: admin.id,
      target: "setting:site",
      data: {
        changed: expect.arrayContaining(["siteName", "showViewCount"]),
        before: { siteName: valid.siteName, showViewCount: true },
        after: { siteName: "新名称", showViewCount: false },
      },
    });
    expect(events[0].data).toMatchObject({ before: { sponsor: "" }, after: { sponsor: valid.sponsor } });
  });

  it("refuses a logo that is not in the media library, and changes nothing", async () => {
    const before = await getSiteSettings(db);
    const count = await db.auditEvent.count();
    const input = siteSettingsSchema.parse({ ...valid, logoMediaId: "00000000-0000-4000-8000-000000000001" });
    await expect(updateSiteSettings(db, admin, input)).rejects.toMatchObject({
      code: "VALIDATION",
      message: v.logoMissing,
      field: "logoMediaId",
    });
    expect(await getSiteSettings(db)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(count);
  });

  it("falls back field by field when a stored value no longer validates", () => {
    const parsed = parseStoredSettings({ siteName: "好名字", icpLink: "ftp://x", timeZone: "Nowhere/Land" });
    expect(parsed).toEqual({ ...DEFAULT_SITE_SETTINGS, siteName: "好名字" });
    expect(parseStoredSettings("garbage")).toEqual(DEFAULT_SITE_SETTINGS);
  });
});
