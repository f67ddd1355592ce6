import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { getCampaign, renderCampaign } from '../campaigns/render.js';
import { assertFreezable, campaignState } from '../campaigns/status.js';
import { countAudience, filterParam } from '../subscribers/audience-repo.js';
import { freezeStatements } from './freeze-repo.js';

/** MAX_BATCH is Resend's batch limit; every transport here takes at most this many per call. */
export const MAX_BATCH = 100;

/** FreezeResult tells how many deliveries and batches a freeze wrote. */
export interface FreezeResult {
  campaignId: number;
  recipients: number;
  batches: number;
}

/**
 * freezeCampaign starts a send in one atomic step: renders the content once, then one
 * batch writes the snapshot, one delivery per distinct recipient with a fixed batch
 * number, the batches, and sets the campaign `sending`. Either all of it or nothing.
 */
export async function freezeCampaign(deps: AppDeps, campaignId: number): Promise<FreezeResult> {
  const state = await campaignState(deps.db, campaignId);
  if (!state) notFound(`Campagne ${campaignId}`);
  assertFreezable(state.status);
  if ((await countAudience(deps.db, state.lists, state.audienceFilter)) === 0)
    throw emptyAudience(state.lists);

  const campaign = await getCampaign(deps.db, campaignId);
  const rendered = await renderCampaign(deps, campaign);
  const freezeId = randomUUID();
  const batchSize = Math.min(MAX_BATCH, deps.transport.maxBatchSize);
  const results = await deps.db.batch(
    freezeStatements({
      campaignId,
      freezeId,
      renderedAt: state.updatedAt,
      snapshot: { ...rendered, lists: state.lists },
      batchSize,
      now: deps.now().toISOString(),
      audienceFilter: filterParam(state.audienceFilter),
    }),
  );
  if ((results[0]?.changes ?? 0) === 0) {
    // Something changed between our checks and the batch: say what, nothing was written.
    const after = await campaignState(deps.db, campaignId);
    if (!after) notFound(`Campagne ${campaignId}`);
    assertFreezable(after.status);
    if (after.updatedAt !== state.updatedAt) {
      throw new AppError(
        'conflict',
        'De campagne is net gewijzigd. Bekijk het voorbeeld opnieuw en verstuur dan.',
      );
    }
    throw emptyAudience(after.lists, after.audienceFilter !== null);
  }
  const recipients = results[1]?.changes ?? 0;
  deps.log.info('campaign frozen', { campaignId, recipients, batches: results[2]?.changes ?? 0 });
  deps.runtime.wakeWorkers('campaign');
  return { campaignId, recipients, batches: results[2]?.changes ?? 0 };
}

function emptyAudience(lists: string[], filtered = false): AppError {
  const message = `Er staan geen bevestigde, niet-geblokkeerde ontvangers op ${lists.length > 1 ? 'de lijsten' : 'de lijst'} ${lists.join(', ')}${filtered ? ' bij de gekozen gebieden en stadsdorpen' : ''}. Er is niets verstuurd.`;
  return new AppError('validation', message, { lists: message });
}
