import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/port.js';
import { AppError, notFound } from '../../errors.js';
import type { Principal, Role } from '../../kernel/principal.js';
import { type ApiTokenInfo, findActiveToken, insertToken, listTokens, revokeToken } from './repo.js';

export type { ApiTokenInfo };

/** hashToken is the SHA-256 under which a bearer token is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** createApiToken makes a bearer token for a user; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Db,
  input: { name: string; role: Role; stadsdorpId?: number | null },
): Promise<{ id: number; token: string }> {
  const stadsdorpId = input.stadsdorpId ?? null;
  if (input.role === 'stadsdorp' && stadsdorpId === null) {
    throw new AppError('validation', 'Een token voor een stadsdorp-redacteur hoort bij één stadsdorp.', {
      stadsdorp: 'verplicht bij rol stadsdorp',
    });
  }
  if (input.role === 'coco' && stadsdorpId !== null) {
    throw new AppError('validation', 'Een CoCo-token hoort niet bij één stadsdorp.', {
      stadsdorp: 'niet toegestaan bij rol coco',
    });
  }
  const token = `nas_${randomBytes(32).toString('base64url')}`;
  const id = await insertToken(db, {
    name: input.name,
    role: input.role,
    stadsdorpId,
    tokenHash: hashToken(token),
  });
  return { id, token };
}

/** listApiTokens lists every API token (without the tokens themselves), revoked ones included, oldest first. */
export const listApiTokens = listTokens;

/** revokeApiToken makes a token unusable at once; a token that is unknown or already revoked is an error. */
export async function revokeApiToken(db: Db, id: number): Promise<void> {
  if (await revokeToken(db, id)) return;
  const known = (await listTokens(db)).find((t) => t.id === id);
  if (!known) notFound(`Token #${id}`);
  throw new AppError('conflict', `Token #${id} (${known.name}) is al ingetrokken op ${known.revokedAt}.`);
}

/** authenticate resolves a bearer token to its principal, or undefined. */
export async function authenticate(db: Db, token: string): Promise<Principal | undefined> {
  const row = await findActiveToken(db, hashToken(token));
  if (!row) return undefined;
  return { tokenId: row.id, name: row.name, role: row.role, stadsdorpId: row.stadsdorp_id };
}

/** assertStadsdorpAccess throws forbidden unless the principal is CoCo or the editor of this stadsdorp. */
export function assertStadsdorpAccess(principal: Principal, stadsdorpId: number): void {
  if (principal.role === 'coco') return;
  if (principal.role === 'stadsdorp' && principal.stadsdorpId === stadsdorpId) return;
  throw new AppError('forbidden', 'U heeft geen toegang tot dit stadsdorp.');
}
