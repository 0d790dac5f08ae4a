"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a run is going, the report page reloads its server data every few seconds (no websocket). */
export function RefreshWhileRunning({ everyMs = 3_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
