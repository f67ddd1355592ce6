import { z } from 'zod';

/** Role: the CoCo reaches everything; an editor (stadsdorp) only their own stadsdorp. */
export const Role = z.enum(['coco', 'stadsdorp']);
export type Role = z.infer<typeof Role>;

/** Principal is who a request acts for, set by requireRole. */
export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
  /** Set for role stadsdorp: the one stadsdorp this editor may reach. */
  stadsdorpId: number | null;
}
