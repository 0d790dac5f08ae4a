"use client";

import { Toaster as SonnerToaster } from "sonner";

/** Success toasts of the admin; errors stay beside the field or the button that caused them. */
export function Toaster() {
  return <SonnerToaster position="top-center" richColors closeButton toastOptions={{ duration: 4000 }} />;
}
