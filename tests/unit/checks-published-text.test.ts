import { publishedArticleText } from "@/lib/checks/published";
import { buildRevisionMeta } from "@/lib/articles/revision-meta";
import type { BodyDocument } from "@/lib/articles/body";

const body: BodyDocument = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "正文" }] }] };

describe("the checked text of a published revision", () => {
  it("holds every public field the revision records: 引题, 副题, 责任编辑, 来源 and 作者 included", () => {
    const meta = buildRevisionMeta(
      {
        columnId: "00000000-0000-4000-8000-000000000000",
        seriesMark: "【先锋】",
        lead: "导语",
        summary: "摘要",
        source: "来源单位",
        byline: "作者甲",
        coverId: null,
        profileId: null,
        overTitle: "引题文字",
        subtitle: "副题文字",
        responsibleEditor: "责编乙",
      },
      { cover: null, profile: null, credits: new Map() },
      body,
    );
    const text = publishedArticleText({ title: "标题", body, meta });
    expect(text).toMatchObject({
      title: "标题",
      seriesMark: "【先锋】",
      lead: "导语",
      summary: "摘要",
      source: "来源单位",
      byline: "作者甲",
      overTitle: "引题文字",
      subtitle: "副题文字",
      responsibleEditor: "责编乙",
    });
  });
});
