import { renderToStaticMarkup } from "react-dom/server";
import {
  LockVersionProvider,
  LockVersionScope,
  useLockVersion,
  type LockVersion,
} from "@/components/admin/articles/LockVersion";

/**
 * The workflow dialogs of one page send the lock version of the last step any of them took: a step
 * (撤稿) taken right after another (取消定时撤稿) must not depend on the page's refresh having landed.
 */
describe("the lock version the workflow buttons send", () => {
  function probes(tree: (Probe: () => null) => React.ReactElement): LockVersion[] {
    const seen: LockVersion[] = [];
    function Probe() {
      seen.push(useLockVersion(0));
      return null;
    }
    renderToStaticMarkup(tree(Probe));
    return seen;
  }

  it("is one value for every button of a panel, starting at the page's version", () => {
    const [first, second] = probes((Probe) => (
      <LockVersionScope initial={7}>
        <Probe />
        <Probe />
      </LockVersionScope>
    ));
    expect(first).toBe(second);
    expect(first?.get()).toBe(7);
    first?.set(8);
    expect(second?.get()).toBe(8);
  });

  it("is the edit page's own version inside it, which the form's saves move", () => {
    const [inside] = probes((Probe) => (
      <LockVersionProvider initial={3}>
        <LockVersionScope initial={9}>
          <Probe />
        </LockVersionScope>
      </LockVersionProvider>
    ));
    expect(inside?.get()).toBe(3);
  });
});
