import "server-only";
import type { Tx } from "@/lib/db";

/** Active reviewers who may act at `level` in the column (scoped to it or to every column), minus `exclude`. */
export async function reviewersAt(
  tx: Tx,
  columnId: string,
  level: number,
  exclude: readonly string[],
): Promise<string[]> {
  const users = await tx.user.findMany({
    where: {
      status: "ACTIVE",
      id: { notIn: [...exclude] },
      roles: { some: { role: "REVIEWER", level, OR: [{ columnId: null }, { columnId }] } },
    },
    select: { id: true },
  });
  return users.map((user) => user.id);
}
