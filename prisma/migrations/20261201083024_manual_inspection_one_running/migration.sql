-- Hand-written migration: name objects Prisma cannot model manual_* (see README, Migrations).
-- At most one 网站体检 runs at a time, whoever starts it (button, weekly job, another instance):
-- a second INSERT of a RUNNING row fails with a unique violation, which lib/inspection/schedule.ts
-- turns into "已有一次体检正在进行".
CREATE UNIQUE INDEX "manual_inspection_run_one_running" ON "InspectionRun" ((true)) WHERE "status" = 'RUNNING';
