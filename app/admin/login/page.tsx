import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/admin/auth/LoginForm";
import { authText, loginErrorMessage } from "@/lib/auth/messages";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: authText.login.title };

/** Only admin paths are valid destinations after login: no open redirect. */
function safeNext(next: string | string[] | undefined): string {
  if (
    typeof next !== "string" ||
    !/^\/admin(\/[A-Za-z0-9\-._~/?=&%()]*)?$/.test(next) ||
    next.startsWith("/admin/login")
  )
    return "/admin";
  return next;
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Reading the session makes the page dynamic, which the CSP nonce needs anyway.
  if (await getCurrentUser()) redirect("/admin");
  const params = await searchParams;
  const error = typeof params.error === "string" ? loginErrorMessage(params.error) : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <LoginForm next={safeNext(params.next)} initialError={error} />
    </main>
  );
}
