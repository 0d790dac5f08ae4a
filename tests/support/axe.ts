import axe from "axe-core";
import type { Page } from "playwright-core";

/**
 * WCAG 2.1 A/AA violations on the page, as "rule: selectors". Toasts are waited out first: one caught
 * mid-animation (they fade in and out) has a contrast no reader sees, while a toast that stays
 * is still checked.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page
    .locator("[data-toast]")
    .first()
    .waitFor({ state: "detached", timeout: 15_000 })
    .catch(() => undefined);
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    }),
  );
  // A run that checked nothing would also report no violations.
  if (result.passes.length <= 10) throw new Error(`axe checked almost nothing (${result.passes.length} passes)`);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}
