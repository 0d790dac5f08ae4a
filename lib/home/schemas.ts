import { z } from "zod";
import { homeText } from "./messages";

const v = homeText.validation;

/** The 焦点图 row: a handful of photos is what a phone screen and a reader's patience take. */
export const MAX_FOCUS = 6;

const uuid = z.guid({ error: v.invalidRequest });
const optionalId = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(uuid.nullable());

const asList = (value: unknown) => (Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value]);

export const homeSlotsSchema = z
  .object({
    headline: optionalId.default(null),
    focus: z
      .preprocess(asList, z.array(z.string().trim()))
      .transform((ids) => ids.filter((id) => id !== ""))
      .pipe(z.array(uuid).max(MAX_FOCUS, v.tooManyFocus(MAX_FOCUS))),
    /** Columns shown on the home page, in order. */
    columns: z.preprocess(asList, z.array(uuid)),
  })
  .refine((value) => new Set(value.focus).size === value.focus.length, { path: ["focus"], message: v.duplicateFocus });

export type HomeSlotsInput = z.output<typeof homeSlotsSchema>;

/** The form posts `column:<id>` checkboxes and `order:<id>` numbers; this turns them into an ordered list. */
export function homeFormValues(formData: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const chosen: { id: string; order: number }[] = [];
  for (const [key, value] of formData.entries()) {
    if (!key.startsWith("column:") || value !== "on") continue;
    const id = key.slice("column:".length);
    const order = Number.parseFloat(text(`order:${id}`));
    chosen.push({ id, order: Number.isFinite(order) ? order : Number.MAX_SAFE_INTEGER });
  }
  chosen.sort((a, b) => a.order - b.order);
  return {
    headline: text("headline"),
    focus: formData.getAll("focus").filter((value): value is string => typeof value === "string"),
    columns: chosen.map((item) => item.id),
  };
}
