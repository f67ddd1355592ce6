/**
 * mailDomain is the domain of the From address (stadsdorpen.nl), lower-cased: the List-Id
 * of every mail and the Message-IDs the SMTP transport makes end in it.
 */
export function mailDomain(mailFrom: string): string {
  return /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1]?.toLowerCase() ?? 'stadsdorpen.nl';
}
