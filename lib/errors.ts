/**
 * The one error type the app throws on purpose: a machine-readable code, a Chinese message the UI
 * may show as is, and optionally the form field it belongs to. Anything else that is thrown is a bug.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "VALIDATION"
  | "CONFLICT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "LOCKED"
  /** A request body over the configured limit (HTTP 413). */
  | "TOO_LARGE";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, field?: string) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.field = field;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
