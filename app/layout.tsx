import type { ReactNode } from "react";

// Only the admin uses the React layout; public pages are plain HTML served by route handlers.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
