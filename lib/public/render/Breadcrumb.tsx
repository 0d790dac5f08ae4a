/** @jsxImportSource preact */
import { publicText as t } from "@/lib/public/render/messages";
import { publicUrls } from "@/lib/urls";

/** 首页 > column (> …): the last item is the current page's parent, as the seed page shows it. */
export function Breadcrumb({ items }: { items: readonly { name: string; href: string }[] }) {
  return (
    <nav class="breadcrumb" aria-label={t.breadcrumb}>
      <ol>
        <li>
          <a href={publicUrls.home()}>{t.home}</a>
        </li>
        {items.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{item.name}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
