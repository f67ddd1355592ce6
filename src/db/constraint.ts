/**
 * isConstraintError tells a constraint failure of one kind from other database errors, by its
 * message, which better-sqlite3 and D1 word alike (`UNIQUE constraint failed: table.column`).
 * With `on` ('table.column') it only matches a failure of that column.
 */
export function isConstraintError(err: unknown, kind: 'UNIQUE' | 'FOREIGN KEY', on?: string): boolean {
  if (!(err instanceof Error)) return false;
  const at = err.message.indexOf(`${kind} constraint failed`);
  return at >= 0 && (on === undefined || err.message.slice(at).includes(on));
}
