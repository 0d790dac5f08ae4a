import { AppError, type AppErrorCode } from "@/lib/errors";

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  LOCKED: 423,
  RATE_LIMITED: 429,
};

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });
}

/**
 * An AppError as a route handler's JSON answer: `{ error: 中文说明, field? }` with the matching HTTP
 * status. Anything else is a bug and is rethrown, so Next logs it and answers 500.
 */
export function appErrorResponse(error: unknown): Response {
  if (!(error instanceof AppError)) throw error;
  return jsonResponse(
    { error: error.message, code: error.code, ...(error.field ? { field: error.field } : {}) },
    STATUS[error.code],
  );
}
