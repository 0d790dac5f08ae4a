import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ACTIONS, GUARDED_ACTIONS, GUARDED_ROUTES, PERMISSIONS, can, isAction, type Action, type MutatingMethod, type PermissionResource } from "@/lib/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

const COLUMN_A = "00000000-0000-4000-8000-00000000000a";
const COLUMN_B = "00000000-0000-4000-8000-00000000000b";
const AUTHOR = "00000000-0000-4000-8000-0000000000aa";

type RoleRow = { role: Role; level: number | null; columnId: string | null };
const user = (id: string, roles: RoleRow[], mustChangePassword = false) => ({ id, mustChangePassword, roles });
const reviewer = (level: number, columnId: string | null = null): RoleRow => ({ role: "REVIEWER", level, columnId });
const plain = (role: Role): RoleRow => ({ role, level: null, columnId: null });

/** Every kind of caller the product has. Resources below are in COLUMN_A. */
const SUBJECTS = {
  anonymous: null,
  admin: user("u-admin", [plain("ADMIN")]),
  editor: user("u-editor", [plain("EDITOR")]),
  reviewer1: user("u-rev1", [reviewer(1)]),
  reviewer2: user("u-rev2", [reviewer(2)]),
  reviewer3: user("u-rev3", [reviewer(3)]),
  scopedIn: user("u-scoped-in", [reviewer(3, COLUMN_A)]),
  scopedOut: user("u-scoped-out", [reviewer(3, COLUMN_B)]),
  auditor: user("u-auditor", [plain("AUDITOR")]),
  adminAndFinalReviewer: user("u-multi", [plain("ADMIN"), reviewer(3)]),
  editorAndReviewer1: user("u-multi2", [plain("EDITOR"), reviewer(1)]),
  adminMustChangePassword: user("u-new-admin", [plain("ADMIN")], true),
} as const;

type Subject = keyof typeof SUBJECTS;
const ALL = Object.keys(SUBJECTS) as Subject[];
const SIGNED_IN = ALL.filter((subject) => subject !== "anonymous");

/**
 * The resource each action is checked against: the subject's own article or upload for "own"
 * actions, someone else's article waiting at 终审 in COLUMN_A for review and publication.
 */
function resourceFor(action: Action, subject: Subject): PermissionResource {
  const self = SUBJECTS[subject]?.id ?? "nobody";
  if (action === "article.editOwn" || action === "article.submit" || action === "media.delete" || action === "article.read") {
    return { columnId: COLUMN_A, ownerId: self };
  }
  return { columnId: COLUMN_A, ownerId: AUTHOR, level: 3 };
}

/** Written by hand from the issue's rules, NOT derived from lib/permissions.ts. */
const EXPECTED: Record<Action, readonly Subject[]> = {
  "auth.login": ALL,
  "auth.logout": SIGNED_IN,
  "account.view": SIGNED_IN,
  "account.changeOwnPassword": SIGNED_IN,
  "dashboard.view": SIGNED_IN.filter((subject) => subject !== "adminMustChangePassword"),
  "notification.read": SIGNED_IN.filter((subject) => subject !== "adminMustChangePassword"),
  "views.record": ALL,

  "user.list": ["admin", "adminAndFinalReviewer"],
  "user.create": ["admin", "adminAndFinalReviewer"],
  "user.update": ["admin", "adminAndFinalReviewer"],
  "user.disable": ["admin", "adminAndFinalReviewer"],
  "user.enable": ["admin", "adminAndFinalReviewer"],
  "user.unlock": ["admin", "adminAndFinalReviewer"],
  "user.resetPassword": ["admin", "adminAndFinalReviewer"],

  "column.manage": ["admin", "adminAndFinalReviewer"],
  "settings.manage": ["admin", "adminAndFinalReviewer"],
  "terms.manage": ["admin", "adminAndFinalReviewer"],
  "homeSlots.manage": ["admin", "reviewer3", "scopedIn", "scopedOut", "adminAndFinalReviewer"],
  "inspection.view": ["admin", "reviewer3", "scopedIn", "scopedOut", "adminAndFinalReviewer"],
  "inspection.run": ["admin", "reviewer3", "scopedIn", "scopedOut", "adminAndFinalReviewer"],
  "inspection.configure": ["admin", "adminAndFinalReviewer"],

  "article.list": ["editor", "reviewer1", "reviewer2", "reviewer3", "scopedIn", "scopedOut", "adminAndFinalReviewer", "editorAndReviewer1"],
  "article.create": ["editor", "editorAndReviewer1"],
  "article.read": ["editor", "reviewer1", "reviewer2", "reviewer3", "scopedIn", "adminAndFinalReviewer", "editorAndReviewer1"],
  "article.editOwn": ["editor", "editorAndReviewer1"],
  "article.submit": ["editor", "editorAndReviewer1"],
  "profile.create": ["editor", "editorAndReviewer1"],

  "media.list": ["editor", "editorAndReviewer1"],
  "media.upload": ["editor", "editorAndReviewer1"],
  "media.update": ["editor", "editorAndReviewer1"],
  "media.delete": ["editor", "editorAndReviewer1"],

  "review.queue": ["reviewer1", "reviewer2", "reviewer3", "scopedIn", "scopedOut", "adminAndFinalReviewer", "editorAndReviewer1"],
  "review.comment": ["reviewer1", "reviewer2", "reviewer3", "scopedIn", "adminAndFinalReviewer", "editorAndReviewer1"],
  "review.approve": ["reviewer3", "scopedIn", "adminAndFinalReviewer"],
  "review.return": ["reviewer3", "scopedIn", "adminAndFinalReviewer"],

  "article.publish": ["reviewer3", "scopedIn", "adminAndFinalReviewer"],
  "article.withdraw": ["reviewer3", "scopedIn", "adminAndFinalReviewer"],

  "audit.read": ["auditor"],
  "audit.verify": ["auditor"],
};

describe("permission matrix", () => {
  it("has a hand-written expectation for every action in the table, and no other", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  describe.each(ACTIONS)("%s", (action) => {
    it.each(ALL)(`allows exactly the expected callers: %s`, (subject) => {
      const expected = EXPECTED[action].includes(subject);
      expect({ subject, allowed: can(SUBJECTS[subject], action, resourceFor(action, subject)) }).toEqual({ subject, allowed: expected });
    });
  });
});

describe("三员分立", () => {
  it("keeps administrators away from review, publication and the audit log", () => {
    for (const action of ["review.approve", "review.return", "article.publish", "article.withdraw", "audit.read", "audit.verify"] as const) {
      expect(can(SUBJECTS.admin, action, { columnId: COLUMN_A, ownerId: AUTHOR, level: 3 })).toBe(false);
    }
  });

  it("lets auditors read and verify the audit log and nothing else (besides their own account)", () => {
    const allowed = ACTIONS.filter((action) => can(SUBJECTS.auditor, action, resourceFor(action, "auditor")));
    expect(allowed.sort()).toEqual(["account.changeOwnPassword", "account.view", "audit.read", "audit.verify", "auth.login", "auth.logout", "dashboard.view", "notification.read", "views.record"]);
  });
});

describe("review rules", () => {
  const article = { columnId: COLUMN_A, ownerId: AUTHOR };

  it("needs the level the article waits at", () => {
    expect(can(SUBJECTS.reviewer1, "review.approve", { ...article, level: 1 })).toBe(true);
    expect(can(SUBJECTS.reviewer1, "review.approve", { ...article, level: 2 })).toBe(false);
    expect(can(SUBJECTS.reviewer3, "review.approve", { ...article, level: 1 })).toBe(false);
    expect(can(SUBJECTS.reviewer2, "review.return", { ...article, level: 2 })).toBe(true);
  });

  it("keeps a scoped reviewer inside their columns", () => {
    expect(can(SUBJECTS.scopedIn, "review.approve", { ...article, level: 3 })).toBe(true);
    expect(can(SUBJECTS.scopedIn, "review.approve", { ...article, columnId: COLUMN_B, level: 3 })).toBe(false);
    expect(can(SUBJECTS.scopedOut, "article.publish", article)).toBe(false);
    expect(can(SUBJECTS.scopedOut, "article.publish", { ...article, columnId: COLUMN_B })).toBe(true);
  });

  it("refuses a review of one's own article", () => {
    const own = { columnId: COLUMN_A, ownerId: SUBJECTS.editorAndReviewer1.id, level: 1 };
    expect(can(SUBJECTS.editorAndReviewer1, "review.approve", own)).toBe(false);
    expect(can(SUBJECTS.editorAndReviewer1, "review.approve", { ...own, ownerId: AUTHOR })).toBe(true);
  });

  it("needs 终审 (level 3) to publish or withdraw, whatever level the article reached", () => {
    expect(can(SUBJECTS.reviewer1, "article.publish", { ...article, level: 1 })).toBe(false);
    expect(can(SUBJECTS.reviewer3, "article.publish", { ...article, level: 1 })).toBe(true);
  });

  it("fails closed when the resource a rule needs is missing", () => {
    expect(can(SUBJECTS.reviewer3, "review.approve", { columnId: COLUMN_A, ownerId: AUTHOR })).toBe(false);
    expect(can(SUBJECTS.reviewer3, "review.approve", { ownerId: AUTHOR, level: 3 })).toBe(false);
    expect(can(SUBJECTS.reviewer3, "review.approve", { columnId: COLUMN_A, level: 3 })).toBe(false);
    expect(can(SUBJECTS.reviewer3, "article.publish")).toBe(false);
    expect(can(SUBJECTS.editor, "article.editOwn")).toBe(false);
  });
});

describe("ownership", () => {
  it("lets editors change only their own drafts and uploads", () => {
    expect(can(SUBJECTS.editor, "article.editOwn", { ownerId: AUTHOR })).toBe(false);
    expect(can(SUBJECTS.editor, "article.submit", { ownerId: AUTHOR })).toBe(false);
    expect(can(SUBJECTS.editor, "media.delete", { ownerId: AUTHOR })).toBe(false);
    expect(can(SUBJECTS.editor, "article.read", { ownerId: AUTHOR, columnId: COLUMN_A })).toBe(false);
  });
});

/** Every exported server action in the app, found by reading the source. */
function serverActionModules(root: string): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        const source = readFileSync(full, "utf8");
        const isActionsFile = /^actions\.tsx?$/.test(entry.name);
        const hasUseServer = /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);
        if (!isActionsFile && !hasUseServer) continue;
        const names = [...source.matchAll(/export\s+(?:async\s+function\s*\*?|function\s*\*?|const|let|var)\s+([A-Za-z_$][\w$]*)/g)].map((match) => match[1]);
        const reexports = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
          match[1].split(",").map((part) => part.trim().split(/\s+as\s+/).pop()?.trim() ?? "").filter(Boolean),
        );
        if (/export\s+default/.test(source)) names.push("default");
        modules.set(path.relative(root, full).split(path.sep).join("/"), [...names, ...reexports]);
      }
    }
  };
  walk(path.join(root, "app"));
  return modules;
}

describe("server actions", () => {
  const root = path.resolve(__dirname, "../..");
  const modules = serverActionModules(root);

  it("finds the account-management actions (the scan works)", () => {
    expect(modules.get("app/admin/(staff)/users/actions.ts")).toEqual(expect.arrayContaining(["createUserAction", "disableUserAction"]));
  });

  it("has a rule for every exported server action", () => {
    const missing = [...modules].flatMap(([file, names]) => names.filter((name) => !GUARDED_ACTIONS[file]?.[name]).map((name) => `${file}#${name}`));
    expect(missing).toEqual([]);
  });

  it("lists only actions that exist, each guarded by a known Action", () => {
    for (const [file, actions] of Object.entries(GUARDED_ACTIONS)) {
      for (const [name, action] of Object.entries(actions)) {
        expect({ entry: `${file}#${name}`, exported: modules.get(file)?.includes(name) ?? false }).toEqual({ entry: `${file}#${name}`, exported: true });
        expect({ entry: `${file}#${name}`, action, known: isAction(action) }).toEqual({ entry: `${file}#${name}`, action, known: true });
      }
    }
  });

  const guarded = Object.entries(GUARDED_ACTIONS).flatMap(([file, actions]) => Object.entries(actions).map(([name, action]) => ({ file, name, action })));
  describe.each(guarded)("$file#$name ($action)", ({ action }) => {
    it.each(ALL)("answers %s as the expectation table says", (subject) => {
      expect(can(SUBJECTS[subject], action, resourceFor(action, subject))).toBe(EXPECTED[action].includes(subject));
    });
  });

  it("every grant in the table names a real role or caller kind", () => {
    const kinds = new Set(["anyone", "signedIn", "ADMIN", "EDITOR", "REVIEWER", "AUDITOR"]);
    for (const grants of Object.values(PERMISSIONS)) for (const grant of grants) expect(kinds.has(grant.who)).toBe(true);
  });
});

const MUTATING_METHODS: readonly MutatingMethod[] = ["POST", "PUT", "PATCH", "DELETE"];

/** Every app/**\/route.ts and the mutating HTTP methods it exports, found by reading the source. */
function routeModules(root: string): Map<string, MutatingMethod[]> {
  const modules = new Map<string, MutatingMethod[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js)$/.test(entry.name)) {
        const source = readFileSync(full, "utf8");
        const declared = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const|let|var)\s+([A-Z]+)\b/g)].map((match) => match[1]);
        const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((match) =>
          match[1].split(",").map((part) => part.trim().split(/\s+as\s+/).pop()?.trim() ?? ""),
        );
        const methods = [...declared, ...reexported].filter((name): name is MutatingMethod =>
          (MUTATING_METHODS as readonly string[]).includes(name),
        );
        modules.set(path.relative(root, full).split(path.sep).join("/"), methods);
      }
    }
  };
  walk(path.join(root, "app"));
  return modules;
}

describe("route handlers", () => {
  const root = path.resolve(__dirname, "../..");
  const modules = routeModules(root);

  it("finds the upload route and next-auth's re-exported POST (the scan works)", () => {
    expect(modules.get("app/api/media/route.ts")).toContain("POST");
    expect(modules.get("app/api/auth/[...nextauth]/route.ts")).toContain("POST");
  });

  it("has a rule for every exported mutating method", () => {
    const missing = [...modules].flatMap(([file, methods]) =>
      methods.filter((method) => !GUARDED_ROUTES[file]?.[method]).map((method) => `${file}#${method}`),
    );
    expect(missing).toEqual([]);
  });

  it("lists only handlers that exist, each guarded by a known Action", () => {
    for (const [file, methods] of Object.entries(GUARDED_ROUTES)) {
      for (const [method, action] of Object.entries(methods)) {
        const entry = `${file}#${method}`;
        expect({ entry, exported: modules.get(file)?.some((found) => found === method) ?? false }).toEqual({ entry, exported: true });
        expect({ entry, known: isAction(action) }).toEqual({ entry, known: true });
      }
    }
  });
});
