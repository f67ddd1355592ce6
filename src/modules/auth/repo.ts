import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { Role } from './principal.js';

const TokenRow = z.object({
  id: z.number(),
  name: z.string(),
  role: Role,
  stadsdorp_id: z.number().nullable(),
});

/** insertToken stores a new API token by its hash. */
export async function insertToken(
  db: Db,
  t: { name: string; role: Role; stadsdorpId: number | null; tokenHash: string },
): Promise<number> {
  const r = await db.run(
    'INSERT INTO api_tokens (name, role, stadsdorp_id, token_hash) VALUES (?, ?, ?, ?)',
    [t.name, t.role, t.stadsdorpId, t.tokenHash],
  );
  return r.lastRowId;
}

/** findActiveToken returns the unrevoked token with this hash, if any. */
export async function findActiveToken(db: Db, tokenHash: string) {
  const row = await db.get(
    'SELECT id, name, role, stadsdorp_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    [tokenHash],
  );
  return row ? TokenRow.parse(row) : undefined;
}

/** revokeToken marks a token unusable; rows are kept for the audit trail. */
export async function revokeToken(db: Db, id: number): Promise<boolean> {
  const r = await db.run(
    "UPDATE api_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND revoked_at IS NULL",
    [id],
  );
  return r.changes > 0;
}

const TokenListRow = z.object({
  id: z.number(),
  name: z.string(),
  role: Role,
  stadsdorp_id: z.number().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

/** listTokens lists every API token (never the token itself), unrevoked first, newest first. */
export async function listTokens(db: Db) {
  const rows = await db.all(
    `SELECT id, name, role, stadsdorp_id, created_at, last_used_at, revoked_at FROM api_tokens
      ORDER BY revoked_at IS NOT NULL, id DESC`,
  );
  return rows.map((r) => TokenListRow.parse(r));
}
