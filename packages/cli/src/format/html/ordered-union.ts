/** The names of both lists, each once: the first list's order, then what only the second has. The baseline leads, so its order (file order for rules) holds. */
export function orderedUnion(first: readonly string[], second: readonly string[]): string[] {
  return [...new Set([...first, ...second])];
}
