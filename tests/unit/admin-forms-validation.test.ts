import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The browser's own validation speaks the browser's language (an English Chromium says "Please fill
 * out this field"), and stops the submission before the app's Chinese message can show. Every staff
 * form therefore opts out with `noValidate`; required fields and limits are checked by the zod
 * schemas and workflow guards on the server, whose messages the form shows beside the field.
 */
const ROOT = path.resolve(__dirname, "../..");

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsxFiles(full);
    return name.endsWith(".tsx") ? [full] : [];
  });
}

/** Each `<form …>` opening tag in the staff UI's sources, with where it is. */
function formTags(): { where: string; tag: string }[] {
  const files = ["app/admin", "components/admin", "components/editor"].flatMap((dir) => tsxFiles(path.join(ROOT, dir)));
  return files.flatMap((file) => {
    const source = readFileSync(file, "utf8");
    return [...source.matchAll(/<form[\s>][^]*?>/g)].flatMap((match) => {
      const before = source.slice(0, match.index);
      // A comment that mentions a <form> is not one.
      if (before.slice(before.lastIndexOf("\n")).includes("//")) return [];
      return [{ where: `${path.relative(ROOT, file)}:${before.split("\n").length}`, tag: match[0] }];
    });
  });
}

describe("staff forms", () => {
  it("finds the forms (the scan works)", () => {
    expect(formTags().length).toBeGreaterThan(15);
  });

  it("all opt out of the browser's native validation, so the app's Chinese messages show in every locale", () => {
    const native = formTags()
      .filter(({ tag }) => !/\bnoValidate\b/.test(tag))
      .map(({ where }) => where);
    expect(native).toEqual([]);
  });
});
