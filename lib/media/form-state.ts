import type { MediaUsage } from "./queries";

/**
 * What a media-library server action hands back to its form (via useActionState): field errors,
 * the values typed, and for a refused deletion the articles and profiles that use the photo.
 */
export interface MediaFormState {
  status: "idle" | "ok" | "error";
  /** AppError code on refusal (FORBIDDEN, CONFLICT, …). */
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  usages?: MediaUsage[];
  /** Changes on every response, so the form can react to two identical outcomes in a row. */
  at?: number;
}

export const initialMediaFormState: MediaFormState = { status: "idle" };
