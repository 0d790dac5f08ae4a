import "server-only";
import type { z } from "zod";
import { invalidState as invalidFormState, refusedState as refusedFormState } from "@/lib/forms/action-state";
import { MediaInUseError } from "./commands";
import type { MediaFormState } from "./form-state";
import { mediaText } from "./messages";

/** A zod failure as the form shows it, with what the user typed. */
export function invalidMediaState(error: z.ZodError, values: MediaFormState["values"]): MediaFormState {
  return { ...invalidFormState(error, mediaText.validation.formHasErrors), values };
}

/**
 * An AppError becomes a message on the form (a refused deletion also lists what uses the photo);
 * anything else is a bug and is rethrown to Next's error boundary rather than swallowed.
 */
export function refusedMediaState(error: unknown, values: MediaFormState["values"]): MediaFormState {
  return { ...refusedFormState(error), usages: error instanceof MediaInUseError ? error.usages : undefined, values };
}
