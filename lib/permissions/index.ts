/** Who may do what: the pure table (./table.ts) and the checks that read the session (./authorize.ts). */
export * from "./table";
export * from "./authorize";
