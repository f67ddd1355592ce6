import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import {
  assertFreezable,
  campaignState,
  moveSchedule,
  type PauseMove,
  setCampaignStatus,
  setScheduled,
  unschedule,
} from '../campaigns/status.js';
import { countAudience } from '../subscribers/audience-repo.js';
import { deliveriesOfSubscriber, deliveryCounts } from './counts-repo.js';
import { type FreezeResult, freezeCampaign } from './freeze.js';
import { cancelStatements, completeCampaigns } from './status-repo.js';

const ALREADY_SCHEDULED = 'Deze campagne is al ingepland. Annuleer eerst om een ander moment te kiezen.';

/**
 * SendRequest: without scheduledAt the campaign is frozen now. A scheduled campaign is sent
 * now only with `replaceSchedule` (beheer's confirm step names the moment it replaces).
 */
export interface SendRequest {
  scheduledAt?: Date;
  replaceSchedule?: boolean;
}

// assertSchedulable refuses a moment in the past, or more than a year ahead: further is a
// typo (2027 for 2026) more often than a plan.
function assertSchedulable(at: Date, now: Date): void {
  if (at.getTime() <= now.getTime()) {
    const message = 'Kies een moment in de toekomst om de campagne in te plannen.';
    throw new AppError('validation', message, { scheduledAt: message });
  }
  const yearAhead = new Date(now);
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  if (at.getTime() > yearAhead.getTime()) {
    const message = 'Kies een moment binnen een jaar vanaf nu om de campagne in te plannen.';
    throw new AppError('validation', message, { scheduledAt: message });
  }
}

/** sendCampaign freezes a campaign now, or schedules it for a moment in the future. */
export async function sendCampaign(deps: AppDeps, campaignId: number, req: SendRequest = {}) {
  if (!req.scheduledAt) {
    // "Send now" on a scheduled campaign would silently start it early: unschedule first.
    if (!req.replaceSchedule && (await campaignState(deps.db, campaignId))?.status === 'scheduled') {
      throw new AppError('conflict', ALREADY_SCHEDULED);
    }
    const frozen: FreezeResult = await freezeCampaign(deps, campaignId);
    return { status: 'sending' as const, ...frozen, counts: await deliveryCounts(deps.db, campaignId) };
  }
  const now = deps.now();
  assertSchedulable(req.scheduledAt, now);
  const state = await campaignState(deps.db, campaignId);
  if (!state) notFound(`Campagne ${campaignId}`);
  if (state.status !== 'draft') {
    assertFreezable(state.status);
    throw new AppError('conflict', ALREADY_SCHEDULED);
  }
  if ((await countAudience(deps.db, state.lists, state.audienceFilter)) === 0) {
    const message = `Er staan geen bevestigde ontvangers op ${state.lists.join(', ')}. Er is niets ingepland.`;
    throw new AppError('validation', message, { lists: message });
  }
  if (!(await setScheduled(deps.db, campaignId, req.scheduledAt.toISOString(), now.toISOString()))) {
    throw new AppError('conflict', 'De campagne is net gewijzigd; probeer het opnieuw.');
  }
  return { status: 'scheduled' as const, campaignId, scheduledAt: req.scheduledAt.toISOString() };
}

/** rescheduleCampaign moves a scheduled campaign that has not started to another moment. */
export async function rescheduleCampaign(deps: AppDeps, campaignId: number, at: Date) {
  const now = deps.now();
  assertSchedulable(at, now);
  const state = await campaignState(deps.db, campaignId);
  if (!state) notFound(`Campagne ${campaignId}`);
  if (!(await moveSchedule(deps.db, campaignId, at.toISOString(), now.toISOString()))) {
    throw new AppError(
      'conflict',
      `Alleen een ingeplande campagne kan worden verzet; deze heeft status ${state.status}.`,
    );
  }
  return { status: 'scheduled' as const, campaignId, scheduledAt: at.toISOString() };
}

/** pauseCampaign stops new batches from being leased; a batch in flight still finishes. */
export async function pauseCampaign(deps: AppDeps, campaignId: number) {
  await transition(
    deps,
    campaignId,
    { from: 'sending', to: 'paused' },
    'Alleen een campagne die verstuurd wordt kan worden gepauzeerd.',
  );
  return { status: 'paused' as const, counts: await deliveryCounts(deps.db, campaignId) };
}

/** resumeCampaign lets a paused campaign's batches be leased again. */
export async function resumeCampaign(deps: AppDeps, campaignId: number) {
  await transition(
    deps,
    campaignId,
    { from: 'paused', to: 'sending' },
    'Alleen een gepauzeerde campagne kan worden hervat.',
  );
  // Every batch may have finished while paused; then resuming completes the campaign.
  await completeCampaigns(deps.db, deps.now().toISOString());
  deps.runtime.wakeWorkers('campaign');
  const state = await campaignState(deps.db, campaignId);
  return { status: state?.status ?? 'sending', counts: await deliveryCounts(deps.db, campaignId) };
}

/**
 * cancelCampaign: a scheduled campaign returns to draft (nothing was frozen); a sending or
 * paused one is cancelled, its never-attempted deliveries too. What was sent stays counted.
 */
export async function cancelCampaign(deps: AppDeps, campaignId: number) {
  const now = deps.now().toISOString();
  const state = await campaignState(deps.db, campaignId);
  if (!state) notFound(`Campagne ${campaignId}`);
  if (state.status === 'scheduled' && (await unschedule(deps.db, campaignId, now))) {
    return { status: 'draft' as const, counts: await deliveryCounts(deps.db, campaignId) };
  }
  const results = await deps.db.batch(cancelStatements(campaignId, now));
  if ((results[2]?.changes ?? 0) === 0) {
    throw new AppError(
      'conflict',
      `Deze campagne heeft status ${state.status}; alleen een ingeplande, verzendende of gepauzeerde campagne kan worden geannuleerd.`,
    );
  }
  return { status: 'cancelled' as const, counts: await deliveryCounts(deps.db, campaignId) };
}

async function transition(deps: AppDeps, campaignId: number, move: PauseMove, message: string) {
  const state = await campaignState(deps.db, campaignId);
  if (!state) notFound(`Campagne ${campaignId}`);
  if (!(await setCampaignStatus(deps.db, campaignId, move, deps.now().toISOString()))) {
    throw new AppError('conflict', `${message} Deze heeft status ${state.status}.`);
  }
}

/** mailsReceivedBy lists the campaign mails delivered (or on their way) to one person, newest first. */
export function mailsReceivedBy(deps: Pick<AppDeps, 'db'>, subscriberId: number, limit = 50) {
  return deliveriesOfSubscriber(deps.db, subscriberId, limit);
}
