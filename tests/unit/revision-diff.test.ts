import type { BodyDocument } from "@/lib/articles/body";
import { buildRevisionMeta } from "@/lib/articles/revision-meta";
import {
  bodyOutline,
  diffLinesSideBySide,
  diffRevisions,
  diffVersions,
  hasChanges,
} from "@/lib/articles/revision-diff";

const doc = (...blocks: BodyDocument["content"]): BodyDocument => ({ type: "doc", content: blocks });
const p = (text: string) => ({ type: "paragraph" as const, content: [{ type: "text" as const, text }] });
const h2 = (text: string) => ({
  type: "heading" as const,
  attrs: { level: 2 as const },
  content: [{ type: "text" as const, text }],
});

describe("revision diff", () => {
  it("pairs a changed line with its new version and marks the changed characters", () => {
    const rows = diffLinesSideBySide(["第一段。", "全年开展活动十次。"], ["第一段。", "全年开展活动十二次。"]);
    expect(rows.map((row) => row.kind)).toEqual(["same", "changed"]);
    expect(
      rows[1].right
        ?.filter((segment) => segment.changed)
        .map((segment) => segment.text)
        .join(""),
    ).toBe("二");
    expect(rows[1].left?.every((segment) => !segment.changed)).toBe(true);
  });

  it("shows added and removed lines on one side only", () => {
    const rows = diffLinesSideBySide(["甲", "乙"], ["甲", "丙", "丁"]);
    expect(rows.map((row) => row.kind)).toEqual(["same", "changed", "added"]);
    expect(rows[2].left).toBeNull();
  });

  it("sees a paragraph turned into a heading in the structure even when the words are equal", () => {
    const diff = diffVersions(
      { title: "甲", fields: {}, body: doc(p("坚持党建引领")) },
      { title: "甲", fields: {}, body: doc(h2("坚持党建引领")) },
      {},
    );
    expect(hasChanges(diff.text)).toBe(false);
    expect(hasChanges(diff.structure)).toBe(true);
    expect(bodyOutline(doc(h2("坚持党建引领")))).toEqual(["二级标题：坚持党建引领"]);
  });

  it("lists changed fields with their labels", () => {
    const diff = diffVersions(
      { title: "旧标题", fields: { lead: "旧导语", source: "同" }, body: doc() },
      { title: "新标题", fields: { lead: "新导语", source: "同" }, body: doc() },
      { title: "标题", lead: "导语" },
    );
    expect(diff.fields).toEqual([
      { label: "标题", before: "旧标题", after: "新标题" },
      { label: "导语", before: "旧导语", after: "新导语" },
    ]);
  });

  it("compares stored revisions, reading their recorded fields and body, and ignores what a revision did not record", () => {
    const diff = diffRevisions(
      { title: "标题", meta: null, body: doc(p("第一段。")) },
      {
        title: "标题",
        meta: { lead: "新导语", source: "", unknownKey: "不比较" },
        body: doc(h2("小标题"), p("第一段。")),
      },
    );
    // 来源 is recorded empty, as the older revision's missing field reads: no change.
    expect(diff.fields).toEqual([{ label: "导语", before: "", after: "新导语" }]);
    expect(diff.structure.map((row) => row.kind)).toEqual(["added", "same"]);
    expect(hasChanges(diff.text)).toBe(true);
  });

  it("shows the reviewer every recorded field that changed: the column by name, the cover's words, the profile, figure credits", () => {
    const fields = {
      columnId: "11111111-1111-4111-8111-111111111111",
      seriesMark: "",
      lead: "",
      summary: "",
      source: "",
      byline: "",
      coverId: "22222222-2222-4222-8222-222222222222",
      profileId: null,
    };
    const cover = { id: fields.coverId, alt: "旧替代文字", caption: "", credit: "摄影甲" };
    const body = doc(p("正文"));
    const before = buildRevisionMeta(fields, { cover, profile: null, credits: new Map() }, body);
    const after = buildRevisionMeta(
      { ...fields, columnId: "33333333-3333-4333-8333-333333333333" },
      { cover: { ...cover, alt: "新替代文字" }, profile: null, credits: new Map() },
      body,
    );
    const names = new Map([
      [fields.columnId, "先锋"],
      ["33333333-3333-4333-8333-333333333333", "工作动态"],
    ]);
    const diff = diffRevisions(
      { title: "标题", meta: before, body },
      { title: "标题", meta: after, body },
      (id) => names.get(id) ?? id,
    );
    expect(diff.fields.map((field) => field.label)).toEqual(["栏目", "封面"]);
    expect(diff.fields[0]).toMatchObject({ before: "先锋", after: "工作动态" });
    expect(diff.fields[1]?.after).toContain("新替代文字");
  });
});
