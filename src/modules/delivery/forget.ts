import type { Statement } from '../../db/port.js';
import { forgetInActivityStmt } from '../accounts/repo.js';
import type { ErasedPerson } from '../subscribers/service.js';
import { forgetRecipientStatements } from './batch-repo.js';

/**
 * forgetCopiesOfPerson is the ForgetCopies every erase gets (subscribers may not import the
 * modules above it): the owners' builders for the copies they keep of a person. Delivery's
 * deliveries keep the address for retries; beheer's activity log (accounts') names the
 * person by address and name, and keeps only the consent log's salted hash in their place.
 */
export function forgetCopiesOfPerson(person: ErasedPerson, now: string): Statement[] {
  return [
    forgetInActivityStmt(person.email, person.emailHash, person.name),
    ...forgetRecipientStatements(person.id, now),
  ];
}
