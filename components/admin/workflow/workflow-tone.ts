export const toneClass = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  danger: "bg-red-700 text-white hover:bg-red-800",
  neutral: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50",
};
