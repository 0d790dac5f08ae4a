import { z } from "zod";
import { authText } from "./messages";
import { authPolicy } from "./policy";

const t = authText.changePassword;

/** The change-password form; the password rules themselves need the username and live in policy.ts. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, t.currentRequired)
      .max(authPolicy.password.maxLength * 4),
    newPassword: z.string().max(authPolicy.password.maxLength * 4),
    confirmPassword: z.string().max(authPolicy.password.maxLength * 4),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    message: t.confirmMismatch,
    path: ["confirmPassword"],
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
