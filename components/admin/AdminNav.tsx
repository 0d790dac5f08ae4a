"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { shellText } from "./messages";

export interface AdminNavLink {
  label: string;
  href: string;
  available: boolean;
  matchChildren: boolean;
}

/** The side navigation; items arrive already filtered by `can()` on the server. */
export function AdminNav({ items }: { items: readonly AdminNavLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={shellText.mainNav}>
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {items.map((item) => {
          const current = pathname === item.href || (item.matchChildren && pathname.startsWith(`${item.href}/`));
          if (!item.available) {
            return (
              <li key={item.href}>
                <span
                  className="block whitespace-nowrap rounded-md px-3 py-2 text-sm text-slate-400"
                  title={shellText.comingSoon}
                >
                  {item.label}
                  <span className="sr-only">({shellText.comingSoon})</span>
                </span>
              </li>
            );
          }
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
                  current ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
