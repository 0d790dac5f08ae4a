-- 三员分立 (GB/T 22239-2019) held by the database, whatever code path writes the rows (docs/roles.md).

-- An account holding 系统管理员 (ADMIN), 安全管理员 (SECURITY_ADMIN) or 安全审计员 (AUDITOR) holds no other
-- role: not a second administrator role, not EDITOR or REVIEWER. Checked after each statement on
-- UserRole (an AFTER ROW trigger sees every row the statement wrote), serialised per account by an
-- advisory lock so that two transactions adding one role each cannot both pass.
CREATE FUNCTION manual_user_role_separation() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  administrator_rows integer;
  all_rows integer;
BEGIN
  PERFORM pg_advisory_xact_lock(72707373, hashtext(NEW."userId"::text));
  SELECT count(*) FILTER (WHERE "role" IN ('ADMIN', 'SECURITY_ADMIN', 'AUDITOR')), count(*)
    INTO administrator_rows, all_rows
    FROM "UserRole" WHERE "userId" = NEW."userId";
  IF administrator_rows > 0 AND all_rows > 1 THEN
    RAISE EXCEPTION '三员分立：管理员角色须单独持有 / an administrator role (ADMIN, SECURITY_ADMIN, AUDITOR) is held alone'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'manual_user_role_separation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER manual_user_role_separation
  AFTER INSERT OR UPDATE ON "UserRole"
  FOR EACH ROW EXECUTE FUNCTION manual_user_role_separation();

-- Two-person rule: nobody decides their own request, nor a request about their own account; a
-- decided request names who decided and when, a pending one names nobody.
ALTER TABLE "ApprovalRequest"
  ADD CONSTRAINT manual_approval_not_own CHECK ("decidedById" IS NULL OR "decidedById" <> "requestedById"),
  ADD CONSTRAINT manual_approval_not_target CHECK ("decidedById" IS NULL OR "targetUserId" IS NULL OR "decidedById" <> "targetUserId"),
  ADD CONSTRAINT manual_approval_decided CHECK (("status" = 'PENDING') = ("decidedById" IS NULL AND "decidedAt" IS NULL));

-- One pending request per kind and subject: a second click does not queue a second reset.
CREATE UNIQUE INDEX manual_approval_one_pending ON "ApprovalRequest" ("kind", "subject") WHERE "status" = 'PENDING';
