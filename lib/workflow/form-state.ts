/** What a workflow server action hands back to its dialog (via useActionState). */
export interface WorkflowFormState {
  status: "idle" | "ok" | "error";
  code?: string;
  message?: string;
  /** The field a refusal belongs to (comment, reason, publishAt). */
  field?: string;
  /** The article's lock version after a successful step. */
  lockVersion?: number;
  /** Changes on every response, so the dialog can react to two identical outcomes in a row. */
  at?: number;
}

export const initialWorkflowFormState: WorkflowFormState = { status: "idle" };
