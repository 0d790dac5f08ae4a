"use client";

import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { authText, loginErrorMessage } from "@/lib/auth/messages";

const t = authText.login;

const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-brand-600";

/**
 * Posts through next-auth's `signIn` (which fetches and sends the CSRF token). On an error the
 * username stays, the password and the 动态验证码 are cleared, the password is focused, and the
 * message is announced.
 */
export function LoginForm({ next, initialError }: { next: string; initialError?: string }) {
  const [username, setUsername] = useState("");
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = passwordRef.current?.value ?? "";
    if (!username.trim() || !password) {
      setError(t.required);
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const code = codeRef.current?.value.trim() ?? "";
      const result = await signIn("credentials", { redirect: false, username: username.trim(), password, code });
      if (result?.ok && !result.error) {
        // A full navigation: the admin shell renders with the new session cookie from the start.
        window.location.assign(next);
        return;
      }
      setError(loginErrorMessage(result?.error));
    } catch {
      setError(loginErrorMessage(undefined));
    }
    setPending(false);
    if (codeRef.current) codeRef.current.value = "";
    if (passwordRef.current) {
      passwordRef.current.value = "";
      passwordRef.current.focus();
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="w-full max-w-sm space-y-5 rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200"
    >
      <h1 className="text-xl font-semibold">{t.heading}</h1>
      <div
        role="alert"
        aria-live="assertive"
        id="login-error"
        className={
          error ? "rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700 ring-1 ring-brand-600/30" : "sr-only"
        }
      >
        {error}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="username" className="block text-sm font-medium">
          {t.username}
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
          className={inputClass}
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="password" className="block text-sm font-medium">
          {t.password}
        </label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "login-error" : undefined}
          className={inputClass}
        />
      </div>
      {/* Always shown: asking for it only after a right password would tell that the password was right. */}
      <div className="space-y-1.5">
        <label htmlFor="code" className="block text-sm font-medium">
          {t.code}
        </label>
        <input
          ref={codeRef}
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          aria-invalid={error ? true : undefined}
          aria-describedby={["code-hint", error ? "login-error" : null].filter(Boolean).join(" ")}
          className={inputClass}
        />
        <p id="code-hint" className="text-xs text-slate-500">
          {t.codeHint}
        </p>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 disabled:opacity-60"
      >
        {pending ? t.submitting : t.submit}
      </button>
    </form>
  );
}
