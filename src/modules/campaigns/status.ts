// A campaign's status, and every statement that moves it. Campaigns owns the `campaigns`
// table; delivery starts, pauses, resumes, cancels and completes sends, and does so with the
// builders below, so the rules (which status may go where) stay here while delivery puts
// the statements into its own atomic batches.
import { z } from 'zod';
import { type Db, type Statement, stmt } from '../../db/port.js';
import { rowOf, sqlJson } from '../../db/rows.js';
import { AppError } from '../../errors.js';
import type { AudienceFilter } from '../subscribers/audience-repo.js';
import { CampaignStatus } from './schema.js';

/**
 * CampaignState is what a send decides on: the status, the version it rendered, the target
 * lists and the choice of besturen (null: everyone on the lists).
 */
export interface CampaignState {
  id: number;
  status: CampaignStatus;
  updatedAt: string;
  lists: string[];
  audienceFilter: AudienceFilter | null;
}

/** AudienceFilterJson is the stored form of a campaign's AudienceFilter. */
export const AudienceFilterJson = z.object({
  gebieden: z.array(z.string()),
  stadsdorpen: z.array(z.string()),
});

const StateRow = z.object({
  id: z.number(),
  status: CampaignStatus,
  updated_at: z.string(),
  lists: sqlJson(z.array(z.string())),
  audience_filter: sqlJson(AudienceFilterJson).nullable(),
});

/** campaignState reads the fields of a campaign a send decides on. */
export async function campaignState(db: Db, campaignId: number): Promise<CampaignState | undefined> {
  const row = await db.get(
    `SELECT id, status, updated_at, lists_json AS lists, audience_filter_json AS audience_filter
       FROM campaigns WHERE id = ?`,
    [campaignId],
  );
  return row ? rowOf(StateRow, row) : undefined;
}

/** assertFreezable throws conflict unless the campaign is a draft or scheduled: a send starts once. */
export function assertFreezable(status: string): void {
  if (status === 'draft' || status === 'scheduled') return;
  const what: Record<string, string> = {
    sending: 'wordt al verstuurd',
    paused: 'is al gestart en staat gepauzeerd',
    sent: 'is al verstuurd',
    cancelled: 'is geannuleerd',
  };
  throw new AppError(
    'conflict',
    `Deze campagne ${what[status] ?? `heeft status ${status}`}; versturen kan maar één keer.`,
  );
}

/** setScheduled marks a draft scheduled at a moment; false if it was not a draft. */
export async function setScheduled(db: Db, campaignId: number, at: string, now: string): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET status = 'scheduled', scheduled_at = ?, updated_at = ? WHERE id = ? AND status = 'draft'`,
    [at, now, campaignId],
  );
  return r.changes > 0;
}

/** moveSchedule gives a scheduled campaign that has not started another moment; false if it was not scheduled. */
export async function moveSchedule(db: Db, campaignId: number, at: string, now: string): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET scheduled_at = ?, updated_at = ? WHERE id = ? AND status = 'scheduled' AND started_at IS NULL`,
    [at, now, campaignId],
  );
  return r.changes > 0;
}

/** unschedule returns a scheduled campaign to draft (nothing was frozen yet). */
export async function unschedule(db: Db, campaignId: number, now: string): Promise<boolean> {
  const r = await db.run(
    `UPDATE campaigns SET status = 'draft', scheduled_at = NULL, updated_at = ? WHERE id = ? AND status = 'scheduled'`,
    [now, campaignId],
  );
  return r.changes > 0;
}

/** dueScheduledCampaigns lists scheduled campaigns whose moment has come. */
export async function dueScheduledCampaigns(db: Db, now: string): Promise<number[]> {
  const rows = await db.all<{ id: number }>(
    `SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id`,
    [now],
  );
  return rows.map((r) => r.id);
}

/** PauseMove: a running send may pause, a paused one resume; nothing else moves this way. */
export type PauseMove = { from: 'sending'; to: 'paused' } | { from: 'paused'; to: 'sending' };

/** setCampaignStatus pauses or resumes a send; false if it was not in `from`. */
export async function setCampaignStatus(
  db: Db,
  campaignId: number,
  move: PauseMove,
  now: string,
): Promise<boolean> {
  const r = await db.run('UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ? AND status = ?', [
    move.to,
    now,
    campaignId,
    move.from,
  ]);
  return r.changes > 0;
}

/**
 * startSendingStatement sets `sending` the campaign whose snapshot has this freeze id (?1), so
 * it acts only when the freeze's snapshot insert, earlier in the same batch, did.
 */
export function startSendingStatement(freezeId: string, now: string): Statement {
  return stmt(
    `UPDATE campaigns SET status = 'sending', started_at = ?2, updated_at = ?2
      WHERE id = (SELECT campaign_id FROM campaign_snapshots WHERE freeze_id = ?1)`,
    [freezeId, now],
  );
}

/**
 * cancellableSql is true while campaign ?1 may be cancelled (sending or paused), for the
 * statements of the cancel's batch that must act only when the campaign's own move does.
 */
export const cancellableSql = `EXISTS (SELECT 1 FROM campaigns WHERE id = ?1 AND status IN ('sending', 'paused'))`;

/** cancelStatement cancels a sending or paused campaign (?1 campaign id, ?2 now). */
export function cancelStatement(campaignId: number, now: string): Statement {
  return stmt(
    `UPDATE campaigns SET status = 'cancelled', updated_at = ?2 WHERE id = ?1 AND status IN ('sending', 'paused')`,
    [campaignId, now],
  );
}

/**
 * completeStatement marks sent a sending campaign (one, or every one) once nothing is left to
 * send: `openWorkSql` is a SELECT, correlated on `campaigns.id` and without parameters, that
 * finds a campaign's unfinished work (delivery's open batches).
 */
export function completeStatement(now: string, openWorkSql: string, campaignId?: number): Statement {
  return stmt(
    `UPDATE campaigns SET status = 'sent', sent_at = ?1, updated_at = ?1
      WHERE status = 'sending'${campaignId === undefined ? '' : ' AND id = ?2'}
        AND NOT EXISTS (${openWorkSql})`,
    campaignId === undefined ? [now] : [now, campaignId],
  );
}
