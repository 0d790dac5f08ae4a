/**
 * Who performs a command, as its audit event records it: the user `authorize` returned (a CurrentUser
 * is one). Commands that ask `can()` themselves take a `PermissionUser` (lib/permissions) instead.
 */
export interface Actor {
  id: string;
}
