import { z } from 'zod';
import type { Db } from '../../db/port.js';
import { rowsOf } from '../../db/rows.js';
import { Role } from '../../kernel/principal.js';

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
  stadsdorp: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

/** ApiTokenInfo is what a listing shows of a token: never the token or its hash. */
export interface ApiTokenInfo {
  id: number;
  name: string;
  role: Role;
  stadsdorpId: number | null;
  /** The slug of the editor's stadsdorp, for role stadsdorp. */
  stadsdorp: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** listTokens lists every token ever made, revoked ones included, oldest first. */
export async function listTokens(db: Db): Promise<ApiTokenInfo[]> {
  const rows = await db.all(
    `SELECT t.id, t.name, t.role, t.stadsdorp_id, s.slug AS stadsdorp, t.created_at, t.last_used_at, t.revoked_at
       FROM api_tokens t LEFT JOIN stadsdorpen s ON s.id = t.stadsdorp_id
      ORDER BY t.id`,
  );
  return rowsOf(TokenListRow, rows);
}
