import { API_DEFAULT_LIMIT, API_MAX_LIMIT } from "./api";

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument(origin: string) {
  const media = {
    type: ["object", "null"],
    properties: {
      url: { type: "string" },
      width: { type: "integer" },
      height: { type: "integer" },
      alt: { type: "string" },
      srcset: { type: "string" },
    },
  };
  const listItem = {
    type: "object",
    required: ["id", "slug", "title", "publishedAt", "url", "column"],
    properties: {
      id: { type: "string", format: "uuid" },
      slug: { type: "string" },
      title: { type: "string", description: "主标题" },
      overTitle: { type: "string", description: "引题（无则为空字符串）" },
      subtitle: { type: "string", description: "副题（无则为空字符串）" },
      seriesMark: { type: "string", description: "系列标识，如【先锋】" },
      summary: { type: "string" },
      publishedAt: {
        type: "string",
        format: "date-time",
        description: "发布日期：终审设置的日期，未设置时为首次发布时间；列表按此排序",
      },
      url: { type: "string" },
      column: { type: "object", properties: { slug: { type: "string" }, name: { type: "string" } } },
      cover: { $ref: "#/components/schemas/Media" },
      profile: {
        type: ["object", "null"],
        properties: {
          name: { type: "string" },
          honour: { type: "string" },
          portrait: { $ref: "#/components/schemas/Media" },
        },
      },
    },
  };
  const page = (item: string) => ({
    type: "object",
    required: ["data", "next"],
    properties: {
      data: { type: "array", items: { $ref: `#/components/schemas/${item}` } },
      next: { type: ["string", "null"], description: "下一页（更早）的游标，作为 before 参数传入；没有更多时为 null" },
    },
  });
  const listParams = [
    { name: "column", in: "query", required: false, schema: { type: "string" }, description: "栏目 slug" },
    {
      name: "before",
      in: "query",
      required: false,
      schema: { type: "string", pattern: "^\\d+_[0-9a-f-]{36}$" },
      description: "上一页响应中的 next",
    },
    {
      name: "limit",
      in: "query",
      required: false,
      schema: { type: "integer", minimum: 1, maximum: API_MAX_LIMIT, default: API_DEFAULT_LIMIT },
    },
  ];
  const error = {
    description: "错误",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "公开内容只读接口",
      version: "1.0.0",
      description: "已发布（未撤回）的文章、栏目和先进典型。只读，无需登录。",
    },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      "/articles": {
        get: {
          summary: "已发布文章列表（最新在前，游标分页）",
          parameters: listParams,
          responses: {
            "200": { description: "文章列表", content: { "application/json": { schema: page("ArticleListItem") } } },
            "400": error,
            "404": error,
          },
        },
      },
      "/articles/{slug}": {
        get: {
          summary: "一篇已发布文章",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description: "文章",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { data: { $ref: "#/components/schemas/Article" } } },
                },
              },
            },
            "404": error,
            "410": { ...error, description: "文章已撤回" },
            "301": { description: "文章网址已更改：Location 为新地址" },
          },
        },
      },
      "/columns": {
        get: {
          summary: "栏目列表",
          responses: {
            "200": {
              description: "栏目",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { data: { type: "array", items: { $ref: "#/components/schemas/Column" } } },
                  },
                },
              },
            },
          },
        },
      },
      "/profiles": {
        get: {
          summary: "先进典型（有人物或组织的已发布文章，最新在前）",
          parameters: listParams,
          responses: {
            "200": { description: "先进典型", content: { "application/json": { schema: page("Profile") } } },
            "400": error,
            "404": error,
          },
        },
      },
    },
    components: {
      schemas: {
        Media: media,
        ArticleListItem: listItem,
        Article: {
          allOf: [
            { $ref: "#/components/schemas/ArticleListItem" },
            {
              type: "object",
              properties: {
                source: { type: "string" },
                byline: { type: "string" },
                responsibleEditor: { type: "string", description: "责任编辑" },
                lead: { type: "string" },
                html: { type: "string", description: "正文 HTML（已转义、仅含允许的元素）" },
                text: { type: "string", description: "正文纯文本" },
                previous: { type: ["object", "null"] },
                next: { type: ["object", "null"] },
              },
            },
          ],
        },
        Column: {
          type: "object",
          properties: {
            slug: { type: "string" },
            name: { type: "string" },
            description: { type: "string" },
            seriesMark: { type: "string" },
            listStyle: { enum: ["NEWS_LIST", "PROFILE_GRID"] },
            url: { type: "string" },
            feed: { type: "string" },
          },
        },
        Profile: {
          type: "object",
          properties: {
            name: { type: "string" },
            honour: { type: "string" },
            portrait: { $ref: "#/components/schemas/Media" },
            article: {
              type: "object",
              properties: {
                slug: { type: "string" },
                title: { type: "string" },
                url: { type: "string" },
                publishedAt: { type: "string" },
              },
            },
          },
        },
        Error: {
          type: "object",
          properties: {
            error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } },
          },
        },
      },
    },
  };
}
