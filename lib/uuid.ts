const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value from a URL or cookie has the shape of a database id; anything else is answered as
 * "not found" before it reaches PostgreSQL, which would reject it as malformed `uuid` input.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
