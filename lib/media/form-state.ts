import type { FormState } from "@/lib/forms/form-state";
import type { MediaUsage } from "./queries";

/**
 * What a media-library server action hands back to its form: the values typed, and for a refused
 * deletion the articles and profiles that use the photo.
 */
export type MediaFormState = FormState<{ values: Record<string, string>; usages: MediaUsage[] }>;

export const initialMediaFormState: MediaFormState = { status: "idle" };
