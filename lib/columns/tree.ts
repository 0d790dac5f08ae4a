/**
 * Pure tree arithmetic over the flat Column rows, shared by the commands (cycle checks) and the
 * admin page (indentation). Rows are few (dozens), so the whole tree is read at once.
 */
export interface TreeRow {
  id: string;
  parentId: string | null;
  sortOrder: number;
  name: string;
}

/** The ids below `rootId` (children, grandchildren, …), not including it. */
export function descendantIds(rows: readonly TreeRow[], rootId: string): Set<string> {
  const children = new Map<string | null, string[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row.id]);
  const found = new Set<string>();
  const stack = [...(children.get(rootId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || found.has(id)) continue;
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}

export interface FlatNode<T extends TreeRow> {
  row: T;
  depth: number;
  /** Position among its siblings and how many there are, for the up / down buttons. */
  index: number;
  siblings: number;
}

/** Depth-first, siblings by (sortOrder, name): the order of the admin list and the public nav. */
export function flattenTree<T extends TreeRow>(rows: readonly T[]): FlatNode<T>[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    // A parent outside the given rows (should not happen) puts the row at the top level, never loses it.
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), row]);
  }
  for (const list of byParent.values())
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, "zh-CN"));
  const out: FlatNode<T>[] = [];
  const visit = (parent: string | null, depth: number) => {
    const list = byParent.get(parent) ?? [];
    list.forEach((row, index) => {
      out.push({ row, depth, index, siblings: list.length });
      visit(row.id, depth + 1);
    });
  };
  visit(null, 0);
  return out;
}
