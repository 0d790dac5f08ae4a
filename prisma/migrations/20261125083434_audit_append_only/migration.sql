-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).
--
-- The audit log is append-only (GB/T 22239 level 3; retention ≥ 180 days): the application never
-- updates or deletes an AuditEvent, and the database refuses it too, so a bug or an SQL injection in
-- the app cannot rewrite history. A superuser can still disable these triggers; the hash chain and
-- its head (below) make that visible to the auditor's 校验. Archiving old events is an operator's
-- procedure outside the app (see README, Audit log).

CREATE FUNCTION manual_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % on "AuditEvent" is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER manual_audit_append_only
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION manual_audit_refuse_change();

CREATE TRIGGER manual_audit_no_truncate
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION manual_audit_refuse_change();

-- The chain's head: the newest event's id and hash and the number of events, kept in the same
-- transaction as every insert. Appends are already serialised by appendAuditEvent's advisory lock,
-- so this single-row update adds no contention. Without it, deleting the newest event(s) would leave
-- a chain that still verifies.
ALTER TABLE "AuditChainHead" ADD CONSTRAINT manual_audit_chain_head_single CHECK ("id" = 1);

CREATE FUNCTION manual_audit_advance_head() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AuditChainHead" ("id", "lastId", "lastHash", "count")
  VALUES (1, NEW."id", NEW."hash", 1)
  ON CONFLICT ("id") DO UPDATE
    SET "lastId" = EXCLUDED."lastId", "lastHash" = EXCLUDED."lastHash", "count" = "AuditChainHead"."count" + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER manual_audit_chain_head
  AFTER INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION manual_audit_advance_head();

-- Only that trigger may move the head (it runs at trigger depth ≥ 2); direct writes are refused.
CREATE FUNCTION manual_audit_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the audit chain head is maintained by the database: % on "AuditChainHead" is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER manual_audit_head_guard
  BEFORE INSERT OR UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION manual_audit_head_guard();

CREATE TRIGGER manual_audit_head_no_truncate
  BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION manual_audit_refuse_change();

-- Databases that already hold events start with a head at their newest event. The guard is bypassed
-- here by inserting before it would matter: this runs as the migration, once.
ALTER TABLE "AuditChainHead" DISABLE TRIGGER manual_audit_head_guard;
INSERT INTO "AuditChainHead" ("id", "lastId", "lastHash", "count")
SELECT 1, e."id", e."hash", (SELECT count(*) FROM "AuditEvent")
  FROM "AuditEvent" e
 ORDER BY e."id" DESC
 LIMIT 1;
ALTER TABLE "AuditChainHead" ENABLE TRIGGER manual_audit_head_guard;
