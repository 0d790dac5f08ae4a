/**
 * Server actions and route handlers as Next calls them, in jest: only the session lookup is replaced
 * (it needs a request's cookies and next-auth's JWT, which jest has none of); parsing, authorization,
 * commands and audit stay real. A test file declares, before importing the actions,
 *
 *   jest.mock("@/lib/auth/session", () => jest.requireActual("../support/server-action-session").sessionWithTestUser());
 *
 * and says who is signed in with `actAs(user)` (`null`: nobody).
 */
import type * as Session from "@/lib/auth/session";
import type { CurrentUser } from "@/lib/auth/session";
import { authText } from "@/lib/auth/messages";
import { AppError } from "@/lib/errors";

let signedIn: CurrentUser | null = null;

export function actAs(user: CurrentUser | null): void {
  signedIn = user;
}

/** The real lib/auth/session with `requireUserForAction` answering the user given to `actAs`. */
export function sessionWithTestUser(): typeof Session {
  const actual = jest.requireActual<typeof Session>("@/lib/auth/session");
  return {
    ...actual,
    requireUserForAction: jest.fn(async () => {
      if (signedIn) return signedIn;
      throw new AppError("UNAUTHENTICATED", authText.unauthenticated);
    }),
  };
}

/** A form submission as the browser sends it; an array gives a field several values (checkboxes). */
export function formData(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}
