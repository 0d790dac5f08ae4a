import { existsSync } from "node:fs";
import path from "node:path";
import { ADMIN_NAV } from "@/components/admin/nav";
import { isAction } from "@/lib/permissions";

const root = path.resolve(__dirname, "../..");

function pageExists(href: string): boolean {
  const segments = href.replace(/^\/admin\/?/, "");
  const candidates = [
    path.join(root, "app/admin/(staff)", segments, "page.tsx"),
    path.join(root, "app/admin", segments, "page.tsx"),
  ];
  return candidates.some((candidate) => existsSync(candidate));
}

describe("admin navigation", () => {
  it.each(ADMIN_NAV.map((item) => [item.label, item] as const))(
    "%s links to a page exactly when the page exists",
    (_label, item) => {
      expect({ href: item.href, available: item.available }).toEqual({
        href: item.href,
        available: pageExists(item.href),
      });
    },
  );

  it("guards every item with an action of the permission table", () => {
    for (const item of ADMIN_NAV) expect(isAction(item.action)).toBe(true);
  });
});
