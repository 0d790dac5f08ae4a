import type { PendingEffect } from "@/lib/public/publish/outbox";
import { outboxText } from "@/lib/public/publish/outbox";
import { formatDateTime } from "@/lib/format/date";

/**
 * Publication changes whose after-commit effects (the static copy) are not done yet, from the outbox
 * (lib/public/publish/outbox.ts): shown on the dashboard and the review page while anything is pending or
 * failing, so nobody believes the public copy is current when it is not.
 */
export function PendingEffects({
  total,
  items,
  timeZone,
}: {
  total: number;
  items: readonly PendingEffect[];
  timeZone: string;
}) {
  if (total === 0) return null;
  return (
    <section
      role="status"
      aria-labelledby="pending-effects-title"
      data-testid="pending-effects"
      className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/30"
    >
      <h2 id="pending-effects-title" className="font-semibold">
        {outboxText.pendingTitle}
      </h2>
      <p>{outboxText.pendingSummary(total)}</p>
      <ul className="mt-1 list-disc pl-5">
        {items.map((item) => (
          <li key={item.id}>
            {outboxText.kind[item.kind]} · {formatDateTime(item.createdAt, timeZone)} ·{" "}
            {item.attempts > 0 && item.lastError
              ? outboxText.failedItem(item.attempts, item.lastError)
              : outboxText.waitingItem}
          </li>
        ))}
      </ul>
    </section>
  );
}
