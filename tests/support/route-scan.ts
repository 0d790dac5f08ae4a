import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * What each exported HTTP method of a route handler file reaches, read with the TypeScript parser:
 * the names it calls (functions, and methods such as `.create`), the modules of the imports it uses,
 * following calls into functions declared in the same file, and the writes of the project's own
 * modules it calls into, followed through their imports (`reached`). Used by the permission matrix
 * test to hold two rules: a GET or HEAD never writes, and every mutating method passes the
 * same-origin check.
 *
 * A static reading: calls through objects (`storage.put`), callbacks handed to a library and dynamic
 * `import()` are not followed. Following imports is what catches a write kept outside
 * `lib/<domain>/commands` (an audit event in lib/inspection/export.ts once was one).
 */

export interface MethodReach {
  /** Identifiers called, and property names called as methods (`db.user.create` → create). */
  calls: Set<string>;
  /** Import sources of every imported name the method uses. */
  modules: Set<string>;
  /**
   * Writes found in the project's own modules the method calls into (followed through their imports,
   * `lib/x.ts#fn: user.create`): a Prisma write on a model, a raw statement, a transaction or an audit
   * event. Read strictly (`<model>.<write>`), unlike `calls`: `hash.update` is no write.
   */
  reached: Set<string>;
}

interface ModuleIndex {
  file: string;
  /** Local name → [source, imported name]. */
  imports: Map<string, [string, string]>;
  locals: Map<string, ts.Node>;
  /** Exported name → local name. */
  exported: Map<string, string>;
  /** `export { a as b } from "x"`: exported name → [source, name there]. */
  reexported: Map<string, [string, string]>;
  /** `export * from "x"`. */
  starFrom: string[];
}

const ROOT = path.resolve(__dirname, "../..");
const indexes = new Map<string, ModuleIndex>();

function indexModule(file: string): ModuleIndex {
  const known = indexes.get(file);
  if (known) return known;
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const index: ModuleIndex = {
    file,
    imports: new Map(),
    locals: new Map(),
    exported: new Map(),
    reexported: new Map(),
    starFrom: [],
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) index.imports.set(clause.name.text, [from, "default"]);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements)
          index.imports.set(element.name.text, [from, (element.propertyName ?? element.name).text]);
      if (bindings && ts.isNamespaceImport(bindings)) index.imports.set(bindings.name.text, [from, "*"]);
    }
    const isExported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      index.locals.set(statement.name.text, statement);
      if (isExported) index.exported.set(statement.name.text, statement.name.text);
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        index.locals.set(declaration.name.text, declaration.initializer);
        if (isExported) index.exported.set(declaration.name.text, declaration.name.text);
      }
    }
    if (ts.isExportDeclaration(statement)) {
      const from =
        statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : null;
      if (!statement.exportClause && from) index.starFrom.push(from);
      else if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          const inner = (element.propertyName ?? element.name).text;
          if (from) index.reexported.set(element.name.text, [from, inner]);
          else index.exported.set(element.name.text, inner);
        }
      }
    }
  }
  indexes.set(file, index);
  return index;
}

/** The project file an import names (`@/lib/…` or relative), or null for packages and generated code. */
function resolveImport(fromFile: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(fromFile), specifier)
      : null;
  if (!base || base.startsWith(path.join(ROOT, "lib", "generated"))) return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (existsSync(candidate)) return candidate;
  return null;
}

/** The model accessors of the Prisma schema (`model User` → `user`): `<x>.user.create` is a write. */
let models: Set<string> | undefined;
function prismaModels(): Set<string> {
  models ??= new Set(
    [...readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8").matchAll(/^model\s+(\w+)/gm)].map(
      ([, name]) => name[0].toLowerCase() + name.slice(1),
    ),
  );
  return models;
}
const MODEL_WRITES = new Set(["create", "createMany", "update", "updateMany", "upsert", "delete", "deleteMany"]);
const STRICT_WRITE_CALLS = new Set(["$executeRaw", "$executeRawUnsafe", "$transaction", "appendAuditEvent"]);

/** A write read strictly, for code outside the route file (see MethodReach.reached). */
function strictWrite(node: ts.CallExpression): string | null {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return STRICT_WRITE_CALLS.has(callee.text) ? callee.text : null;
  if (!ts.isPropertyAccessExpression(callee)) return null;
  if (STRICT_WRITE_CALLS.has(callee.name.text)) return callee.name.text;
  const owner = callee.expression;
  if (MODEL_WRITES.has(callee.name.text) && ts.isPropertyAccessExpression(owner) && prismaModels().has(owner.name.text))
    return `${owner.name.text}.${callee.name.text}`;
  return null;
}

/**
 * `notFollowed`: functions (`lib/x.ts#name`) the scan does not enter, each for a reason the caller
 * states — code every request runs whose writes are bookkeeping, not what the request asks for.
 */
export function scanRouteMethods(
  file: string,
  options: { notFollowed?: Readonly<Record<string, string>> } = {},
): Map<string, MethodReach> {
  const route = indexModule(file);
  const notFollowed = options.notFollowed ?? {};

  const reach = (root: string): MethodReach => {
    const result: MethodReach = { calls: new Set(), modules: new Set(), reached: new Set() };
    const seen = new Set<string>();

    /** Walks `name` of `module`, following its calls into the project's other modules. */
    const follow = (module: ModuleIndex, name: string, inRoute: boolean): void => {
      const key = `${module.file}#${name}`;
      if (seen.has(key) || notFollowed[`${path.relative(ROOT, module.file)}#${name}`]) return;
      seen.add(key);
      const local = module.locals.get(name);
      if (local) return walk(module, local, name, inRoute);
      const imported = module.imports.get(name);
      if (imported) {
        if (inRoute) result.modules.add(imported[0]);
        const target = resolveImport(module.file, imported[0]);
        if (target) followExport(indexModule(target), imported[1]);
      }
    };
    const followExport = (module: ModuleIndex, name: string): void => {
      if (name === "*" || name === "default") return;
      const local = module.exported.get(name);
      if (local !== undefined) return follow(module, local, false);
      const re = module.reexported.get(name);
      if (re) {
        const target = resolveImport(module.file, re[0]);
        if (target) followExport(indexModule(target), re[1]);
        return;
      }
      for (const from of module.starFrom) {
        const target = resolveImport(module.file, from);
        if (target && indexModule(target).exported.has(name)) return followExport(indexModule(target), name);
      }
    };
    const walk = (module: ModuleIndex, node: ts.Node, name: string, inRoute: boolean): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (inRoute) {
          if (ts.isIdentifier(callee)) result.calls.add(callee.text);
          else if (ts.isPropertyAccessExpression(callee)) result.calls.add(callee.name.text);
        } else {
          const write = strictWrite(node);
          if (write) result.reached.add(`${path.relative(ROOT, module.file)}#${name}: ${write}`);
        }
      }
      if (ts.isIdentifier(node)) follow(module, node.text, inRoute);
      ts.forEachChild(node, (child) => walk(module, child, name, inRoute));
    };
    follow(route, root, true);
    return result;
  };

  const methods = new Map<string, MethodReach>();
  for (const [name, local] of route.exported) if (/^[A-Z]+$/.test(name)) methods.set(name, reach(local));
  for (const [name] of route.reexported) if (/^[A-Z]+$/.test(name)) methods.set(name, reach(name));
  return methods;
}

/** Calls that change stored state: Prisma's writes and raw statements, the view counter, the audit chain. */
export const WRITE_CALLS = new Set([
  "create",
  "createMany",
  "update",
  "updateMany",
  "upsert",
  "delete",
  "deleteMany",
  "$executeRaw",
  "$executeRawUnsafe",
  "$transaction",
  "appendAuditEvent",
  "record",
]);

/** Modules whose functions write: the domain commands and the audit chain. */
export const WRITE_MODULES = /(^|\/)(commands|audit\/append)$/;

export function writesOf(reach: MethodReach): string[] {
  return [
    ...[...reach.calls].filter((call) => WRITE_CALLS.has(call)),
    ...[...reach.modules].filter((module) => WRITE_MODULES.test(module)),
    ...reach.reached,
  ];
}
