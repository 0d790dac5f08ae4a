import type { Metadata } from "next";
import type { ReactNode } from "react";
import { zhCN } from "@/lib/i18n/zh-CN";
import "./admin.css";

export const metadata: Metadata = { title: zhCN.admin.title, robots: { index: false, follow: false } };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-slate-50 font-sans text-slate-900">{children}</div>;
}
