import { accessSync, constants, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

/**
 * No Docker engine runs where the tests run, so these checks read docker-compose.yml, the Dockerfile
 * and .dockerignore and hold them to each other and to .env.example.
 */

const root = process.cwd();
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

// ---- docker-compose.yml ------------------------------------------------------------------------------

const stringList = z.array(z.string());
const healthcheck = z.object({
  test: z.union([z.string(), stringList]),
  interval: z.string().optional(),
  timeout: z.string().optional(),
  retries: z.number().int().positive().optional(),
  start_period: z.string().optional(),
});
const service = z.object({
  image: z.string().optional(),
  build: z.union([z.string(), z.object({ context: z.string() }).loose()]).optional(),
  environment: z
    .union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), stringList])
    .optional(),
  ports: z
    .array(
      z.union([
        z.string(),
        z.object({ target: z.number(), published: z.union([z.string(), z.number()]).optional() }).loose(),
      ]),
    )
    .optional(),
  volumes: stringList.optional(),
  depends_on: z.union([stringList, z.record(z.string(), z.object({ condition: z.string() }).loose())]).optional(),
  healthcheck: healthcheck.optional(),
});
const composeFile = z.object({
  services: z.record(z.string(), service.loose()),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

const composeText = read("docker-compose.yml");
// `merge`: the app replicas of profile `scale` share the app's environment through a YAML merge key.
const compose = composeFile.parse(parse(composeText, { merge: true }));
const db = compose.services.db;
const app = compose.services.app;

function environment(entry: z.infer<typeof service> | undefined): Record<string, string> {
  const env = entry?.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((item) => [item.split("=")[0], item.slice(item.indexOf("=") + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? "")]));
}

/** Compose interpolation with every variable unset: `${X:-default}` becomes `default`. */
function withDefaults(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? "");
}

function healthTest(entry: z.infer<typeof service> | undefined): string[] {
  const test = entry?.healthcheck?.test ?? [];
  return typeof test === "string" ? ["CMD-SHELL", test] : test;
}

const appEnv = environment(app);
const dbEnv = environment(db);

// ---- .env.example ------------------------------------------------------------------------------------

const documented = new Set(
  read(".env.example")
    .split("\n")
    .flatMap((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line.trim())?.[1] ?? []),
);

// ---- Dockerfile --------------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
  stage: string;
}

function dockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!pending && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue; // a comment inside a continued instruction
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(pending + line);
    pending = "";
  }
  let stage = "";
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args;
    return { keyword: keyword.toUpperCase(), args, stage };
  });
}

const instructions = dockerfile(read("Dockerfile"));
const stages = instructions
  .filter((instruction) => instruction.keyword === "FROM")
  .map((instruction) => instruction.stage);
const runtimeStage = stages[stages.length - 1];
const runtime = instructions.filter((instruction) => instruction.stage === runtimeStage);
const runtimeEnv: Record<string, string> = Object.fromEntries(
  runtime
    .filter((instruction) => instruction.keyword === "ENV")
    .flatMap((instruction) =>
      [...instruction.args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((match) => [match[1], match[2]]),
    ),
);
const argDefaults: Record<string, string> = Object.fromEntries(
  instructions
    .filter((instruction) => instruction.keyword === "ARG")
    .flatMap((instruction) => {
      const match = /^(\w+)=(\S+)$/.exec(instruction.args);
      return match ? [[match[1], match[2]]] : [];
    }),
);
const one = (keyword: string) => runtime.filter((instruction) => instruction.keyword === keyword);

// ---- tests -------------------------------------------------------------------------------------------

describe("docker-compose.yml", () => {
  it("has the services db and app", () => {
    expect(db).toBeDefined();
    expect(app).toBeDefined();
    expect(db?.image).toMatch(/^postgres:16/);
    expect(app?.build).toBeDefined();
  });

  it("starts the app once the database is healthy", () => {
    expect(app?.depends_on).toEqual({ db: expect.objectContaining({ condition: "service_healthy" }) });
  });

  it("publishes the app's port 3000, where the app listens", () => {
    const targets = (app?.ports ?? []).map((port) =>
      typeof port === "string" ? Number(withDefaults(port).split(":").pop()?.split("/")[0]) : port.target,
    );
    expect(targets).toContain(3000);
    expect(appEnv.PORT).toBe("3000");
  });

  it("documents in .env.example every variable the app service sets or compose interpolates", () => {
    const interpolated = [...composeText.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]);
    const undocumented = [...new Set([...Object.keys(appEnv), ...interpolated])].filter((key) => !documented.has(key));
    expect(undocumented).toEqual([]);
  });

  it("migrates as db's own user (the owner) and runs the app as another role on the same database", () => {
    const [user, password, database] = ["POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"].map((key) => dbEnv[key]);
    expect(appEnv.MIGRATION_DATABASE_URL).toBe(`postgresql://${user}:${password}@db:5432/${database}`);
    const app = new URL(withDefaults(appEnv.DATABASE_URL));
    const owner = new URL(withDefaults(appEnv.MIGRATION_DATABASE_URL));
    expect(app.protocol).toBe("postgresql:");
    expect([app.hostname, app.port, app.pathname]).toEqual([owner.hostname, owner.port, owner.pathname]);
    expect(app.username).not.toBe(owner.username);
    expect(app.username).not.toBe("");
  });

  it("hands the server no owner credentials: the entrypoint drops them after migrating", () => {
    const script = read("scripts/docker-entrypoint.sh");
    const unset = script.indexOf("unset MIGRATION_DATABASE_URL");
    expect(unset).toBeGreaterThan(script.indexOf("node scripts/migrate.cjs"));
    expect(unset).toBeLessThan(script.indexOf('exec "$@"'));
  });

  it("requires AUTH_SECRET instead of defaulting it", () => {
    expect(appEnv.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?[^}]+\}$/);
  });

  it("keeps uploads on a volume at DATA_DIR", () => {
    expect(appEnv.DATA_DIR).toBe("/data");
    expect(app?.volumes?.map((volume) => volume.split(":")[1])).toContain("/data");
    const named = [...(app?.volumes ?? []), ...(db?.volumes ?? [])].map((volume) => volume.split(":")[0]);
    for (const volume of named.filter((name) => !name.startsWith(".") && !name.startsWith("/"))) {
      expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    }
  });

  it("gives both services a health check", () => {
    expect(healthTest(db).join(" ")).toContain("pg_isready");
    expect(healthTest(app).join(" ")).toContain("/api/health");
  });
});

describe("Dockerfile", () => {
  it("builds in stages on node:20-bookworm-slim", () => {
    const bases = instructions
      .filter((instruction) => instruction.keyword === "FROM")
      .map((instruction) =>
        instruction.args.split(/\s+/)[0].replace(/^\$\{?(\w+)\}?$/, (_, name: string) => argDefaults[name] ?? name),
      );
    expect(bases.length).toBeGreaterThanOrEqual(3);
    for (const base of bases) expect(base).toBe("node:20-bookworm-slim");
    for (const instruction of instructions.filter((item) => item.keyword === "COPY")) {
      const from = /--from=(\S+)/.exec(instruction.args)?.[1];
      if (from) expect(stages).toContain(from);
    }
  });

  it("exposes the port that docker-compose.yml publishes and PORT sets", () => {
    expect(one("EXPOSE").flatMap((instruction) => instruction.args.split(/\s+/))).toContain("3000");
    expect(runtimeEnv.PORT).toBe("3000");
    expect(runtimeEnv.HOSTNAME).toBe("0.0.0.0");
  });

  it("runs the same health check as docker-compose.yml", () => {
    const [healthcheckInstruction] = one("HEALTHCHECK");
    expect(healthcheckInstruction).toBeDefined();
    const command = /\bCMD\s+(\[.*\])\s*$/.exec(healthcheckInstruction.args)?.[1];
    expect(command).toBeDefined();
    expect(["CMD", ...stringList.parse(JSON.parse(command ?? "[]"))]).toEqual(healthTest(app));
  });

  it("runs as a non-root user with uploads on a volume at DATA_DIR", () => {
    const users = one("USER").map((instruction) => instruction.args);
    expect(users.length).toBeGreaterThan(0);
    expect(["root", "0"]).not.toContain(users[users.length - 1]);
    expect(runtimeEnv.DATA_DIR).toBe("/data");
    expect(
      one("VOLUME")
        .map((instruction) => instruction.args)
        .join(" "),
    ).toContain("/data");
  });

  it("migrates at start with what the runtime image holds", () => {
    const copied = one("COPY").map((instruction) => instruction.args);
    expect(copied.some((args) => /\/\.next\/standalone\s/.test(args))).toBe(true);
    expect(copied.some((args) => /\/\.next\/static\s/.test(args))).toBe(true);
    expect(copied.some((args) => /prisma\/migrations\s/.test(args))).toBe(true);
    const entrypoint = stringList.parse(JSON.parse(one("ENTRYPOINT")[0]?.args ?? "[]"));
    expect(entrypoint).toEqual(["/app/scripts/docker-entrypoint.sh"]);
    const script = read("scripts/docker-entrypoint.sh");
    accessSync(path.join(root, "scripts/docker-entrypoint.sh"), constants.X_OK);
    // The script runs the migration runner the image copies, then hands over to CMD.
    const runner = /^node (\S+)$/m.exec(script)?.[1];
    expect(runner).toBeDefined();
    expect(copied.some((args) => args.trim().endsWith(` ./${runner}`))).toBe(true);
    expect(script).toMatch(/^exec "\$@"$/m);
  });

  it("serves with scripts/server.ts (the public fast path in front of Next), bundled into what it copies", () => {
    const command = stringList.parse(JSON.parse(one("CMD")[0]?.args ?? "[]"));
    expect(command[0]).toBe("node");
    const server = command[1];
    expect(server).toMatch(/^scripts\/server\.cjs$/);
    const copied = one("COPY").map((instruction) => instruction.args);
    const source = copied
      .find((args) => args.trim().endsWith(` ./${server}`))
      ?.split(/\s+/)
      .find((arg) => arg.startsWith("/app/"));
    expect(source).toBeDefined();
    const built = instructions
      .filter((instruction) => instruction.keyword === "RUN")
      .map((instruction) => instruction.args)
      .find((args) => args.includes(`--outfile=${source?.replace("/app/", "")}`));
    expect(built).toContain("scripts/server.ts");
  });

  it("is not denied what it copies from the build context by .dockerignore", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#") && !line.startsWith("!"));
    const needed = [
      "package.json",
      "package-lock.json",
      "app",
      "components",
      "lib",
      "prisma",
      "public",
      "scripts",
      "next.config.ts",
      "tsconfig.json",
    ];
    expect(needed.filter((file) => ignored.includes(file) || ignored.includes(`${file}/`))).toEqual([]);
    for (const local of [".env", ".data", "node_modules", ".next"]) expect(ignored).toContain(local);
  });
});
