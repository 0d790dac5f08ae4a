jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { guardOf } from "@/lib/actions/guarded";
import { GUARDED_ACTIONS, GUARDED_ROUTES } from "../support/guarded-expectations";

const ROOT = path.resolve(__dirname, "../..");
const MUTATING = ["POST", "PUT", "PATCH", "DELETE"];

function files(dir: string, test: (name: string, source: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...files(full, test));
    else if (/\.(ts|tsx)$/.test(entry.name) && test(entry.name, readFileSync(full, "utf8"))) found.push(full);
  }
  return found;
}

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const actionModules = files(
  path.join(ROOT, "app"),
  (name, source) => /^actions\.tsx?$/.test(name) || /^\s*["']use server["']/.test(source),
);
const routeModules = files(path.join(ROOT, "app"), (name) => /^route\.tsx?$/.test(name));

/** Every function a module exports (types vanish at run time). */
async function exportedFunctions(file: string): Promise<[string, unknown][]> {
  const loaded = (await import(file)) as Record<string, unknown>;
  return Object.entries(loaded).filter(([, value]) => typeof value === "function");
}

describe("server actions are declared with their guard", () => {
  it("finds the action modules (the scan works)", () => {
    expect(actionModules.map(relative)).toEqual(
      expect.arrayContaining(["app/admin/(staff)/users/actions.ts", "app/admin/actions.ts"]),
    );
  });

  it("takes each Action from a wrapper: no module outside lib/actions declares a guard by hand", () => {
    const declaring = [path.join(ROOT, "app"), path.join(ROOT, "components"), path.join(ROOT, "lib")]
      .flatMap((dir) => files(dir, (_name, source) => /\bdeclareGuard\b/.test(source)))
      .map(relative)
      .filter((file) => !file.startsWith("lib/actions/"));
    expect(declaring).toEqual([]);
  });

  it.each(actionModules.map((file) => [relative(file), file]))(
    "%s: every export is a guardedAction with the Action it must require",
    async (name, file) => {
      const found = Object.fromEntries(
        (await exportedFunctions(file)).map(([exported, value]) => [exported, guardOf(value) ?? "not wrapped"]),
      );
      const expected = Object.fromEntries(
        Object.entries(GUARDED_ACTIONS[name] ?? {}).map(([exported, action]) => [exported, { kind: "action", action }]),
      );
      expect(found).toEqual(expected);
    },
  );
});

describe("mutating route handlers are declared with their guard", () => {
  it.each(routeModules.map((file) => [relative(file), file]))(
    "%s: every POST / PUT / PATCH / DELETE is a guardedRoute with its Action",
    async (name, file) => {
      const found = Object.fromEntries(
        (await exportedFunctions(file))
          .filter(([method]) => MUTATING.includes(method))
          .map(([method, value]) => [method, guardOf(value) ?? "not wrapped"]),
      );
      const expected = Object.fromEntries(
        Object.entries(GUARDED_ROUTES[name] ?? {}).map(([method, action]) => [method, { kind: "route", action }]),
      );
      expect(found).toEqual(expected);
    },
  );
});
