export const primaryButton =
  "inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";
export const secondaryButton =
  "inline-flex items-center gap-1.5 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50";
export const iconButton =
  "inline-flex size-8 items-center justify-center rounded-md text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-30";
