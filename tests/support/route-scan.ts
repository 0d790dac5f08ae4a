import { readFileSync } from "node:fs";
import ts from "typescript";

/**
 * What each exported HTTP method of a route handler file reaches, read with the TypeScript parser:
 * the names it calls (functions, and methods such as `.create`), the modules of the imports it uses,
 * following calls into functions declared in the same file. Used by the permission matrix test to
 * hold two rules: a GET or HEAD never writes, and every mutating method passes the same-origin check.
 *
 * A static reading, so it relies on the codebase's own layering (STYLE.md): writes are Prisma calls
 * or `lib/<domain>/commands` and `lib/audit/append`, and a handler calls them directly or through a
 * function in its own file.
 */

export interface MethodReach {
  /** Identifiers called, and property names called as methods (`db.user.create` → create). */
  calls: Set<string>;
  /** Import sources of every imported name the method uses. */
  modules: Set<string>;
}

export function scanRouteMethods(file: string): Map<string, MethodReach> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  const locals = new Map<string, ts.Node>();
  const exported = new Map<string, string>();

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (clause?.name) imports.set(clause.name.text, from);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) imports.set(element.name.text, from);
      if (bindings && ts.isNamespaceImport(bindings)) imports.set(bindings.name.text, from);
    }
    const isExported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      locals.set(statement.name.text, statement);
      if (isExported) exported.set(statement.name.text, statement.name.text);
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        locals.set(declaration.name.text, declaration.initializer);
        if (isExported) exported.set(declaration.name.text, declaration.name.text);
      }
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements)
        exported.set(element.name.text, (element.propertyName ?? element.name).text);
    }
  }

  const reach = (root: string): MethodReach => {
    const result: MethodReach = { calls: new Set(), modules: new Set() };
    const seen = new Set<string>();
    const visitName = (name: string) => {
      const from = imports.get(name);
      if (from) result.modules.add(from);
      const local = locals.get(name);
      if (local && !seen.has(name)) {
        seen.add(name);
        walk(local);
      }
    };
    const walk = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (ts.isIdentifier(callee)) result.calls.add(callee.text);
        else if (ts.isPropertyAccessExpression(callee)) result.calls.add(callee.name.text);
      }
      if (ts.isIdentifier(node)) visitName(node.text);
      ts.forEachChild(node, walk);
    };
    visitName(root);
    return result;
  };

  const methods = new Map<string, MethodReach>();
  for (const [name, local] of exported) if (/^[A-Z]+$/.test(name)) methods.set(name, reach(local));
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
  ];
}
