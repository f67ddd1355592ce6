import type { PrintTemplate } from './_kit/types.js';
import { activiteit } from './activiteit.js';
import { bouwJeStadsdorp } from './bouw-je-stadsdorp.js';
import { kennismaking } from './kennismaking.js';
import { soortenActiviteiten } from './soorten-activiteiten.js';
import { vrijwilligers } from './vrijwilligers.js';

/** TEMPLATES is the print catalogue in the order editors see it: the posterserie, then the handouts. */
export const TEMPLATES: readonly PrintTemplate[] = [
  kennismaking,
  activiteit,
  vrijwilligers,
  soortenActiviteiten,
  bouwJeStadsdorp,
];

export type { PrintTemplate } from './_kit/types.js';
