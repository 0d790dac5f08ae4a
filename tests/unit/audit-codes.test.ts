import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AUDIT_ACTIONS, workflowAuditAction } from "@/lib/audit/codes";
import { auditActionLabel, auditText } from "@/lib/audit/messages";
import { WORKFLOW_EVENTS } from "@/lib/workflow/table";

const ROOT = path.resolve(__dirname, "../..");
const CJK = /[\u4e00-\u9fff]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("audit event codes", () => {
  it("labels every code the app writes in Chinese, and nothing else", () => {
    const labels = auditText.actionLabels as Record<string, string>;
    for (const code of AUDIT_ACTIONS) {
      expect({ code, label: labels[code] }).toEqual({ code, label: expect.stringMatching(CJK) });
      expect(auditActionLabel(code)).not.toBe(code);
    }
    expect(Object.keys(labels).sort()).toEqual([...new Set(AUDIT_ACTIONS)].sort());
  });

  it("has a code for every workflow event, as the transition writes it", () => {
    for (const event of WORKFLOW_EVENTS) expect(AUDIT_ACTIONS).toContain(workflowAuditAction(event));
  });

  it("finds every literal code passed to appendAuditEvent in the sources among the known codes", () => {
    // The type of appendAuditEvent's `action` enforces this at compile time; this guards against a cast.
    const written = new Set<string>();
    for (const file of ["lib", "app", "scripts"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
      const text = readFileSync(file, "utf8");
      if (!text.includes("appendAuditEvent") || file.endsWith(path.join("lib", "audit", "append.ts"))) continue;
      for (const match of text.matchAll(/\b(?:action|auditAction):\s*"([A-Za-z_.]+)"(?!\s*\|)/g)) written.add(match[1]);
    }
    expect(written.size).toBeGreaterThan(20);
    expect([...written].filter((code) => !(AUDIT_ACTIONS as readonly string[]).includes(code))).toEqual([]);
  });

  it("shows an unknown code (an older event) as it is", () => {
    expect(auditActionLabel("legacy.thing")).toBe("legacy.thing");
  });
});
