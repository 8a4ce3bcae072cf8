/**
 * True when giving `nodeId` the parent `parentId` would close a loop: walking up from `parentId`
 * reaches `nodeId`. `parentOf` answers `undefined` for an unknown node; a loop already present
 * above `parentId` stops the walk instead of spinning.
 */
export function closesLoop(
  nodeId: string,
  parentId: string,
  parentOf: (id: string) => string | null | undefined,
): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = parentId;
  while (current && !seen.has(current)) {
    if (current === nodeId) return true;
    seen.add(current);
    current = parentOf(current);
  }
  return false;
}
