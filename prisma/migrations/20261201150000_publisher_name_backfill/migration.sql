-- 责任编辑 falls back on Article."publisherName", which publication writes only since
-- 20261201112943_article_model_fields: articles published before it (the demo content among them) show
-- none. Fill it from who published the live revision as the audit log records it, else from the
-- highest-level reviewer who approved that revision (the 终审, who publishes).
WITH publishers AS (
  SELECT DISTINCT ON (e.target) e.target, u."displayName"
  FROM "AuditEvent" e
  JOIN "User" u ON u.id = e."actorId"
  WHERE e.action = 'article.publish'
  ORDER BY e.target, e.id DESC
),
approvers AS (
  SELECT DISTINCT ON (r."revisionId") r."revisionId", u."displayName"
  FROM "Review" r
  JOIN "User" u ON u.id = r."reviewerId"
  WHERE r.decision = 'APPROVE'
  ORDER BY r."revisionId", r.level DESC, r."createdAt" DESC
),
names AS (
  SELECT a.id, COALESCE(p."displayName", ap."displayName") AS "displayName"
  FROM "Article" a
  LEFT JOIN publishers p ON p.target = 'article:' || a.id::text
  LEFT JOIN approvers ap ON ap."revisionId" = a."publishedRevisionId"
  WHERE a."publishedRevisionId" IS NOT NULL AND a."publisherName" = ''
)
UPDATE "Article" AS a
SET "publisherName" = LEFT(names."displayName", 100)
FROM names
WHERE a.id = names.id AND names."displayName" IS NOT NULL;
