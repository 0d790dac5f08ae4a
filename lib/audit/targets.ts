import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/uuid";
import { auditText } from "./messages";

/**
 * Human names of audit targets (`user:<uuid>` → 账户 张三（zhangsan）), read at display time from the
 * rows they point to. The stored target stays the id (names change, the chain must not); a row that no
 * longer exists keeps its raw target.
 */
export interface TargetName {
  /** What kind of thing it is (账户, 稿件 …), or the area's name. */
  kind: string;
  /** Its name now; empty when the row is gone or the target names an area. */
  name: string;
}

function parse(target: string): { kind: string; id: string } | null {
  const colon = target.indexOf(":");
  if (colon <= 0) return null;
  return { kind: target.slice(0, colon), id: target.slice(colon + 1) };
}

export async function describeTargets(db: PrismaClient, targets: readonly string[]): Promise<Map<string, TargetName>> {
  const ids = new Map<string, Set<string>>();
  for (const target of targets) {
    const parsed = parse(target);
    if (!parsed || (parsed.kind !== "username" && parsed.kind !== "setting" && !isUuid(parsed.id))) continue;
    ids.set(parsed.kind, (ids.get(parsed.kind) ?? new Set()).add(parsed.id));
  }
  const list = (kind: string) => [...(ids.get(kind) ?? [])];
  const [users, articles, columns, profiles, media, terms] = await Promise.all([
    list("user").length
      ? db.user.findMany({
          where: { id: { in: list("user") } },
          select: { id: true, displayName: true, username: true },
        })
      : [],
    list("article").length
      ? db.article.findMany({
          where: { id: { in: list("article") } },
          select: { id: true, currentRevision: { select: { title: true } } },
        })
      : [],
    list("column").length
      ? db.column.findMany({ where: { id: { in: list("column") } }, select: { id: true, name: true } })
      : [],
    list("profile").length
      ? db.profile.findMany({ where: { id: { in: list("profile") } }, select: { id: true, name: true } })
      : [],
    list("media").length
      ? db.media.findMany({ where: { id: { in: list("media") } }, select: { id: true, originalName: true } })
      : [],
    list("term").length
      ? db.sensitiveTerm.findMany({ where: { id: { in: list("term") } }, select: { id: true, term: true } })
      : [],
  ]);
  const names = new Map<string, string>();
  for (const user of users) names.set(`user:${user.id}`, `${user.displayName}（${user.username}）`);
  for (const article of articles) names.set(`article:${article.id}`, article.currentRevision?.title ?? "");
  for (const column of columns) names.set(`column:${column.id}`, column.name);
  for (const profile of profiles) names.set(`profile:${profile.id}`, profile.name);
  for (const item of media) names.set(`media:${item.id}`, item.originalName);
  for (const term of terms) names.set(`term:${term.id}`, term.term);
  for (const name of list("username")) names.set(`username:${name}`, name);
  for (const key of list("setting")) names.set(`setting:${key}`, key);

  const result = new Map<string, TargetName>();
  for (const target of targets) {
    const area = auditText.targetAreas[target];
    if (area) {
      result.set(target, { kind: area, name: "" });
      continue;
    }
    const parsed = parse(target);
    const name = names.get(target);
    if (!parsed || name === undefined) continue;
    result.set(target, { kind: auditText.targetKinds[parsed.kind] ?? parsed.kind, name });
  }
  return result;
}
