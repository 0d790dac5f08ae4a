"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardedAction } from "@/lib/actions/guarded";
import { clientIp } from "@/lib/auth/client-ip";
import type { PasswordFormState } from "@/lib/auth/form-state";
import { authText } from "@/lib/auth/messages";
import { confirmTotpEnrolment, disableOwnTotp } from "@/lib/auth/two-factor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { invalidState, refusedState } from "@/lib/forms/action-state";

const t = authText.twoFactor;

const codeSchema = z.object({ code: z.string().trim().min(1, t.codeRequired).max(32, t.codeRequired) });

const invalid = (error: z.ZodError): PasswordFormState =>
  invalidState(error, error.issues[0]?.message ?? t.codeRequired);

const refused = (error: unknown): PasswordFormState => {
  if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/admin/login");
  return refusedState(error);
};

/**
 * Confirms the second factor being enrolled with one code from the app (the forced page and
 * 我的账户 both post here): parse → authorize("account.enrolTotp") → lib/auth/two-factor (audited).
 */
export const enrolTotpAction = guardedAction({
  action: "account.enrolTotp",
  schema: codeSchema,
  input: (formData) => ({ code: formData.get("code") ?? "" }),
  invalid,
  refused,
  run: async (input, user, formData): Promise<PasswordFormState> => {
    await confirmTotpEnrolment(db, user, input.code);
    // A redirect is not a refusal: `refused` rethrows it to Next.
    redirect(formData.get("after") === "dashboard" ? "/admin" : "/admin/account");
  },
});

/** Turns one's own optional second factor off with a current code (a wrong one counts as a failed login). */
export const disableTotpAction = guardedAction({
  action: "account.disableTotp",
  schema: codeSchema,
  input: (formData) => ({ code: formData.get("code") ?? "" }),
  invalid,
  refused,
  refresh: () => revalidatePath("/admin/account"),
  run: async (input, user): Promise<PasswordFormState> => {
    await disableOwnTotp(db, { ...user, ip: clientIp(await headers()) }, input.code);
    return { status: "ok", message: t.disabled, at: Date.now() };
  },
});
