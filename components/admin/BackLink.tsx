import Link from "next/link";

/** The way back from a form or detail page to the page it belongs to. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="text-sm text-slate-600 underline-offset-2 hover:underline">
      ← {label}
    </Link>
  );
}
