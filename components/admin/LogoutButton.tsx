import { LogOut } from "lucide-react";
import { shellText } from "./messages";

/** A form, not a link: signing out is a mutation and must go through the server action's CSRF checks. */
export function LogoutButton({ action }: { action: () => Promise<void> }) {
  return (
    <form noValidate action={action}>
      <button
        type="submit"
        className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        <LogOut aria-hidden className="size-4" />
        {shellText.logout}
      </button>
    </form>
  );
}
