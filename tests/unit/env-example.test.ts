import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ENV_KEYS } from "@/lib/env";

/**
 * .env.example documents every variable lib/env.ts parses, and nothing that no part of the project
 * reads: app variables come from the schema, the others must be read by a script, a test helper or
 * docker-compose.yml.
 */

const root = process.cwd();
const example = readFileSync(path.join(root, ".env.example"), "utf8");
const lines = example.split("\n");

const KEY_LINE = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;

interface Entry {
  key: string;
  line: number;
  commentedOut: boolean;
}

const entries: Entry[] = lines.flatMap((text, index) => {
  const match = KEY_LINE.exec(text.trim());
  return match ? [{ key: match[2], line: index, commentedOut: match[1] !== undefined }] : [];
});
const documented = new Set(entries.map((entry) => entry.key));

/** Source files (not generated code, not this test) whose text may read a variable. */
function sourceFiles(): string[] {
  const skip = new Set(["node_modules", ".next", ".data", "generated", "coverage", ".git"]);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (skip.has(name)) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx|mjs|js)$/.test(name) && full !== __filename) found.push(full);
    }
  };
  for (const dir of ["app", "components", "lib", "scripts", "tests"]) walk(path.join(root, dir));
  for (const file of ["proxy.ts", "next.config.ts", "prisma.config.ts", "jest.config.ts"])
    found.push(path.join(root, file));
  return found;
}

const sources = sourceFiles().map((file) => readFileSync(file, "utf8"));
const compose = readFileSync(path.join(root, "docker-compose.yml"), "utf8");

function readSomewhere(key: string): boolean {
  const inCode = new RegExp(`process\\.env(\\.${key}\\b|\\[\\s*["'\`]${key}["'\`]\\s*\\])`);
  const inCompose = new RegExp(`\\$\\{${key}(\\}|:?[-?+])`);
  return sources.some((text) => inCode.test(text)) || inCompose.test(compose);
}

describe(".env.example", () => {
  it("documents every variable the configuration schema parses", () => {
    expect(ENV_KEYS.length).toBeGreaterThan(0);
    const missing = ENV_KEYS.filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it("documents only variables that the app, a script, a test helper or docker-compose.yml reads", () => {
    const schemaKeys = new Set<string>(ENV_KEYS);
    const unread = [...documented].filter((key) => !schemaKeys.has(key) && !readSomewhere(key));
    expect(unread).toEqual([]);
  });

  it("documents the variables only scripts, tests and docker compose read", () => {
    for (const key of ["PORT", "HOSTNAME", "SEED_DEMO", "TEST_DATABASE_URL", "CHROME_PATH", "POSTGRES_PASSWORD"]) {
      expect(documented).toContain(key);
    }
  });

  it("lists each variable once, commented out, so copying it to .env changes nothing by itself", () => {
    const keys = entries.map((entry) => entry.key);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(entries.filter((entry) => !entry.commentedOut).map((entry) => entry.key)).toEqual([]);
  });

  it("explains every variable in a comment above it", () => {
    const isKeyLine = (index: number) => entries.some((entry) => entry.line === index);
    const unexplained = entries.filter((entry) => {
      // Skip up over the other variables of the same group (e.g. POSTGRES_DB / _USER / _PASSWORD).
      let above = entry.line - 1;
      while (above >= 0 && isKeyLine(above)) above--;
      const text = lines[above]?.trim() ?? "";
      return !/^#\s*\S/.test(text) || /^#\s*-{3,}/.test(text);
    });
    expect(unexplained.map((entry) => entry.key)).toEqual([]);
  });
});
