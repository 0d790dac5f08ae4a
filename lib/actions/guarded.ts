import "server-only";
import type { z } from "zod";
import type { CurrentUser } from "@/lib/auth/session";
import { formValues, invalidState, refusedState } from "@/lib/forms/action-state";
import type { FormState } from "@/lib/forms/form-state";
import { authorize } from "@/lib/permissions/authorize";
import type { Action, PermissionResource } from "@/lib/permissions/table";

/**
 * Every server action is an export of `guardedAction` (forms: `(previous, formData)`) or `guardedCall`
 * (the editor's calls with a plain object): parse → authorize → command → refresh → ok / refused, in
 * that order, in one place. The action cannot forget the check, and a test can ask each export which
 * Action it requires (`guardOf`), instead of trusting a list kept beside the code.
 *
 * Parsing comes first and is answered without a session (the form keeps what was typed); the resource
 * (an article's column, owner and level) is loaded inside the refusal handling, so a missing row is a
 * NOT_FOUND message, not a crash. Only AppErrors are refusals: anything else (a bug, and Next's own
 * redirect) is rethrown by the default `refused`.
 */

export interface Guard {
  kind: "action" | "route";
  /** The Action `authorize` is asked for before the command runs. */
  action: Action;
}

const guards = new WeakMap<object, Guard>();

/** The guard an exported server action or route handler was declared with, or undefined (not wrapped). */
export function guardOf(value: unknown): Guard | undefined {
  return typeof value === "function" ? guards.get(value) : undefined;
}

export function declareGuard<F extends object>(fn: F, guard: Guard): F {
  guards.set(fn, guard);
  return fn;
}

/** A zod schema, or anything that parses the same way (a text format with its own parser). */
export interface Parser<T, E = z.ZodError> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: E };
}

type Input<S> = S extends Parser<infer T, unknown> ? T : undefined;
type ParseError<S> = S extends Parser<unknown, infer E> ? E : never;

export interface GuardedSpec<S extends Parser<unknown, unknown> | undefined, Raw, Result> {
  action: Action;
  /** The zod schema of the input; none for actions that take nothing (立即体检, 全部已读). */
  schema?: S;
  /** What the schema parses, read from the call (default: the form's text fields, or the object passed). */
  input?: (raw: Raw) => unknown;
  /** The permission data of what the call acts on (see `articleResource`); may throw NOT_FOUND. */
  resource?: (input: Input<S>) => Promise<PermissionResource>;
  /** The lib/<domain> command, and the ok answer built from its result. */
  run: (input: Input<S>, actor: CurrentUser, raw: Raw) => Promise<Result>;
  /** After a committed command: what to revalidate. */
  refresh?: (input: Input<S>, result: Result) => void;
  /** A zod failure as the caller shows it (default: `invalidState`, a FormState). */
  invalid?: (error: ParseError<S>, raw: Raw) => Result;
  /** An AppError as the caller shows it; must rethrow anything else (default: `refusedState`). */
  refused?: (error: unknown, raw: Raw) => Result | Promise<Result>;
}

async function guarded<S extends Parser<unknown, unknown> | undefined, Raw, Result>(
  spec: GuardedSpec<S, Raw, Result>,
  raw: Raw,
  defaultInput: (raw: Raw) => unknown,
): Promise<Result> {
  let input = undefined as Input<S>;
  if (spec.schema) {
    const parsed = spec.schema.safeParse(await (spec.input ?? defaultInput)(raw));
    if (!parsed.success)
      return spec.invalid
        ? spec.invalid(parsed.error as ParseError<S>, raw)
        : (invalidState(parsed.error as z.ZodError) as Result);
    input = parsed.data as Input<S>;
  }
  try {
    const resource = spec.resource ? await spec.resource(input) : undefined;
    const actor = await authorize(spec.action, resource);
    const result = await spec.run(input, actor, raw);
    spec.refresh?.(input, result);
    return result;
  } catch (error) {
    return spec.refused ? await spec.refused(error, raw) : (refusedState(error) as Result);
  }
}

/**
 * A form's server action, for `useActionState`: `(previous, formData) => state`. Without a schema it
 * takes nothing (a button: 立即体检, 校验) and may be called as `action()`.
 */
export function guardedAction<Result = FormState>(
  spec: GuardedSpec<undefined, FormData, Result> & { schema?: undefined },
): (previous?: Result, formData?: FormData) => Promise<Result>;
export function guardedAction<S extends Parser<unknown, unknown>, Result = FormState>(
  spec: GuardedSpec<S, FormData, Result> & { schema: S },
): (previous: Result, formData: FormData) => Promise<Result>;
export function guardedAction<Result>(
  spec: GuardedSpec<never, FormData, Result>,
): (previous?: Result, formData?: FormData) => Promise<Result> {
  const action = async (_previous?: Result, formData?: FormData) =>
    guarded(spec, formData ?? new FormData(), formValues);
  return declareGuard(action, { kind: "action", action: spec.action });
}

/** A server action called with a plain object (the editor's JSON body): `(input) => result`. */
export function guardedCall<S extends Parser<unknown, unknown> | undefined = undefined, Result = FormState>(
  spec: GuardedSpec<S, unknown, Result>,
): (input?: unknown) => Promise<Result> {
  const action = async (input?: unknown) => guarded(spec, input, (raw) => raw);
  return declareGuard(action, { kind: "action", action: spec.action });
}
