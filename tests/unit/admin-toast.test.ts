import {
  VISIBLE_TOASTS,
  dismissToast,
  removeToast,
  shownToasts,
  subscribeToasts,
  toast,
  toastQueue,
} from "@/components/admin/toast";

/** The admin's toast queue (components/admin/toast.ts); the Toaster's timers and fade are the browser tests'. */
describe("the admin's toasts", () => {
  afterEach(() => {
    for (const item of toastQueue()) removeToast(item.id);
  });

  it("queues each kind, newest first, and tells the Toaster", () => {
    const seen: number[] = [];
    const unsubscribe = subscribeToasts(() => seen.push(toastQueue().length));
    toast.success("稿件已创建");
    toast.error("保存失败");
    toast.warning("有图片未能读取");
    toast.info("该问题已不在正文中");
    unsubscribe();
    expect(toastQueue().map(({ kind, message }) => [kind, message])).toEqual([
      ["info", "该问题已不在正文中"],
      ["warning", "有图片未能读取"],
      ["error", "保存失败"],
      ["success", "稿件已创建"],
    ]);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it("shows the newest three; an older one waits until one of them is gone", () => {
    const ids = ["一", "二", "三", "四"].map((message) => toast.success(message));
    expect(VISIBLE_TOASTS).toBe(3);
    expect(shownToasts().map((item) => item.message)).toEqual(["四", "三", "二"]);
    removeToast(ids[3]!);
    expect(shownToasts().map((item) => item.message)).toEqual(["三", "二", "一"]);
  });

  it("fades a dismissed toast out in its place before it leaves the queue", () => {
    const first = toast.success("已保存为第 2 版");
    const second = toast.error("保存失败");
    dismissToast(first);
    expect(toastQueue().map((item) => [item.message, item.leaving])).toEqual([
      ["保存失败", false],
      ["已保存为第 2 版", true],
    ]);
    removeToast(first);
    expect(toastQueue().map((item) => item.id)).toEqual([second]);
    // Dismissing or removing twice (the close button during the fade) changes nothing.
    dismissToast(first);
    removeToast(first);
    expect(toastQueue().map((item) => item.id)).toEqual([second]);
  });
});
