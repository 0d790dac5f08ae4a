// What this app keeps in next-auth's objects: only ids. Everything else is read from the database.
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    /** Session row id. */
    sid?: string;
    /** User id. */
    uid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
