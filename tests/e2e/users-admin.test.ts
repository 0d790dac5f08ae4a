import { cookieHeader, useDemoSite } from "../support/demo-site";

describe("account management in Chromium", () => {
  const site = useDemoSite();

  it("lets the 系统管理员 create an account, see its password once, and disable it", async () => {
    const page = await site.signIn("admin");
    await page.goto(`${site.app.url}/admin/users`);
    await page.getByRole("heading", { name: "账户管理" }).first().waitFor();

    await page.getByRole("link", { name: "新建账户" }).first().click();
    await page.waitForURL("**/admin/users/new");

    // A mistake first: the form keeps what was typed and says what is wrong beside the field.
    await page.getByLabel("用户名").fill("Chen Qi");
    await page.getByLabel("姓名").fill("陈七");
    await page.getByRole("button", { name: "创建账户" }).click();
    await page.getByText("用户名须为 3–32 位小写字母、数字或 _ . -").first().waitFor();
    await expect(page.getByLabel("姓名").inputValue()).resolves.toBe("陈七");
    // Roles are not the 系统管理员's: the form has none.
    await expect(page.getByLabel("终审 · 全部栏目").count()).resolves.toBe(0);

    await page.getByLabel("用户名").fill("chen.qi");
    await page.getByRole("button", { name: "创建账户" }).click();
    const dialog = page.getByRole("dialog", { name: "账户已创建" });
    await dialog.waitFor();
    const password = await dialog.getByLabel("初始密码").inputValue();
    expect(password).toMatch(/^.{16}$/);
    await dialog.getByRole("button", { name: "我已记下，关闭" }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    // Shown once: the account's page does not contain it.
    expect(await page.content()).not.toContain(password);

    await page.getByRole("button", { name: "停用账户" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "停用" }).click();
    await page.getByText("账户已停用，其所有会话已结束").waitFor();
    await page.getByRole("button", { name: "启用账户" }).first().waitFor();

    await page.goto(`${site.app.url}/admin/users?status=DISABLED`);
    await page.getByText("chen.qi").first().waitFor();
    await page.close();
  });

  it("needs two administrators for an auditor account and for 终审, with Chinese toasts", async () => {
    // The 系统管理员 asks for an auditor account: nothing is created, no password is shown.
    const admin = await site.signIn("admin");
    await admin.goto(`${site.app.url}/admin/users/new`);
    await admin.getByLabel("用户名").fill("zheng.audit");
    await admin.getByLabel("姓名").fill("郑审计");
    await admin.getByLabel(/^安全审计员/).check();
    await admin.getByRole("button", { name: "创建账户" }).click();
    await admin.getByText("已提交申请，须由另一位管理员批准后才生效").first().waitFor();
    await admin.goto(`${site.app.url}/admin/approvals`);
    const pending = admin.getByTestId("pending-approvals");
    await pending.getByText("郑审计（zheng.audit）").waitFor();
    // Its own request has no 批准 button for the requester.
    await expect(pending.getByRole("button", { name: "批准" }).count()).resolves.toBe(0);

    // The 安全管理员 approves it and receives the one-time password.
    const secadmin = await site.signIn("secadmin");
    await secadmin.goto(`${site.app.url}/admin/approvals`);
    await secadmin.getByTestId("pending-approvals").getByRole("button", { name: "批准" }).first().click();
    await secadmin.getByRole("alertdialog").getByRole("button", { name: "批准" }).click();
    const dialog = secadmin.getByRole("dialog", { name: "已批准：初始密码" });
    await dialog.waitFor();
    expect(await dialog.getByLabel("初始密码").inputValue()).toMatch(/^.{16}$/);
    await dialog.getByRole("button", { name: "我已记下，关闭" }).click();
    await secadmin.getByText("已批准并执行").first().waitFor();

    // The 安全管理员 grants 终审 to the editor (once its owner has replaced the initial password): a
    // request, which the 系统管理员 approves.
    await (await site.signIn("editor")).close();
    await secadmin.goto(`${site.app.url}/admin/users?q=editor`);
    await secadmin.getByRole("link", { name: /编辑\s*编辑 周文/ }).click();
    await secadmin.getByLabel("终审 · 全部栏目").check();
    await secadmin.getByRole("button", { name: "保存修改" }).click();
    await secadmin.getByText("已提交申请，须由另一位管理员批准后才生效").first().waitFor();

    await admin.goto(`${site.app.url}/admin/approvals`);
    await admin.getByTestId("pending-approvals").getByRole("button", { name: "批准" }).first().click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "批准" }).click();
    await admin.getByText("已批准并执行").first().waitFor();
    await admin.goto(`${site.app.url}/admin/users?q=editor`);
    await admin.getByText("审核（终审）").first().waitFor();
    await admin.close();
    await secadmin.close();
    // Two sign-ins with their first password change and four confirmed actions: longer than the default.
  }, 180_000);

  it("resets a 终审's lost second factor with two administrators; the 终审 then enrols again", async () => {
    // The 终审 signs in (the helper enrols the factor from the page's key, as a phone would).
    const reviewer = await site.signIn("reviewer3");
    await reviewer.goto(`${site.app.url}/admin/account`);
    await reviewer.getByText("已启用：登录时须输入动态验证码。").waitFor();
    await reviewer.close();

    const secadmin = await site.signIn("secadmin");
    await secadmin.goto(`${site.app.url}/admin/users?q=reviewer3`);
    await secadmin
      .getByRole("link", { name: /终审 孙宏/ })
      .first()
      .click();
    await secadmin.getByRole("button", { name: "重置双因素认证" }).click();
    await secadmin.getByRole("alertdialog").getByText("经系统管理员批准后才重置").waitFor();
    await secadmin.getByRole("alertdialog").getByRole("button", { name: "重置" }).click();
    await secadmin.getByText("已提交申请，须由另一位管理员批准后才生效").first().waitFor();
    await secadmin.close();

    const admin = await site.signIn("admin");
    await admin.goto(`${site.app.url}/admin/approvals`);
    const pending = admin.getByTestId("pending-approvals");
    await pending.getByText("重置管理员或终审账户的双因素认证").first().waitFor();
    await pending.getByRole("button", { name: "批准" }).first().click();
    await admin.getByRole("alertdialog").getByRole("button", { name: "批准" }).click();
    await admin.getByText("已批准并执行").first().waitFor();
    await admin.close();

    // The password alone signs in again, and the server sends the 终审 to enrolment before anything else.
    const again = await site.browser.newPage();
    await again.goto(`${site.app.url}/admin/login`);
    await again.getByLabel("用户名").fill("reviewer3");
    await again.getByLabel("密码", { exact: true }).fill(site.logins.reviewer3);
    await again.getByRole("button", { name: "登录" }).click();
    await again.waitForURL("**/admin/two-factor");
    await again.getByRole("heading", { name: "请先设置双因素认证" }).waitFor();
    await again.getByRole("img", { name: "双因素认证二维码" }).waitFor();
    await again.goto(`${site.app.url}/admin/review`);
    expect(new URL(again.url()).pathname).toBe("/admin/two-factor");
    await again.close();
  }, 240_000);

  it("refuses the account pages to an editor on the server", async () => {
    const page = await site.signIn("editor");
    await expect(page.getByRole("link", { name: "账户管理" }).count()).resolves.toBe(0);

    const response = await page.goto(`${site.app.url}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(response?.status()).toBe(200);
    await page.getByText("您没有权限访问「账户管理」").first().waitFor();

    // Without following redirects: the refusal is an HTTP redirect, not a client-side hop.
    const raw = await fetch(`${site.app.url}/admin/users/new`, {
      redirect: "manual",
      headers: { cookie: await cookieHeader(page) },
    });
    expect([303, 307, 308]).toContain(raw.status);
    expect(raw.headers.get("location")).toContain("/admin?denied=user.create");
    await page.close();
  });
});

/** seedDemo's answer → username → password. */
