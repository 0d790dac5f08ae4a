/**
 * The value axis of the dashboard's bar charts: round steps (1, 2, 5 × 10ⁿ, and 2.5 for measured
 * values), about four of them, from 0 to the first step at or above the largest value. Counts
 * (articles) get whole steps only — an axis reading 1.25 篇 is nonsense.
 */
export function axisTicks(maxValue: number, options: { integer: boolean }): number[] {
  const target = 4;
  const value = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const raw = value / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiples = options.integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  let step = (multiples.find((m) => m * power >= raw) ?? 10) * power;
  if (options.integer) step = Math.max(1, Math.round(step));
  const top = Math.ceil(value / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + 1e-9; i += 1) ticks.push(Number((i * step).toFixed(6)));
  return ticks;
}
