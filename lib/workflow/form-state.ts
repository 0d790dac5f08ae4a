import type { FormState } from "@/lib/forms/form-state";

/**
 * What a workflow server action hands back to its dialog: the field a refusal belongs to (comment,
 * reason, publishAt) and the article's lock version after a successful step.
 */
export type WorkflowFormState = FormState<{ field: string; lockVersion: number }>;

export const initialWorkflowFormState: WorkflowFormState = { status: "idle" };
