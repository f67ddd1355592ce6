import type { Account } from '../../../modules/accounts/schema.js';
import type { NavItem } from './layout.js';

/** roleLabel names a role as the pages say it. */
export function roleLabel(account: Pick<Account, 'role'>): string {
  return account.role === 'coco' ? 'CoCo' : 'redacteur';
}

/** navFor is the navigation bar of an account: the CoCo sees everything, an editor their stadsdorp. */
export function navFor(account: Account, stadsdorpSlug: string | null): NavItem[] {
  if (account.role === 'coco') {
    return [
      { href: '/beheer', label: 'Start' },
      { href: '/beheer/campagnes', label: 'Nieuwsbrieven en mails' },
      { href: '/beheer/abonnees', label: 'Abonnees' },
      { href: '/beheer/stadsdorpen', label: 'Stadsdorpen' },
      { href: '/beheer/aanmeldbronnen', label: 'Aanmeldbronnen' },
      { href: '/beheer/lijsten', label: 'Lijsten' },
      { href: '/beheer/bijdragen', label: 'Bijdragen' },
      { href: '/beheer/import', label: 'Import en export' },
      { href: '/beheer/layouts', label: 'Layouts' },
      { href: '/beheer/accounts', label: 'Accounts' },
      { href: '/beheer/tokens', label: 'API-tokens' },
      { href: '/beheer/activiteit', label: 'Activiteitenlog' },
      { href: '/beheer/outbox', label: 'Outbox' },
      { href: '/beheer/sessies', label: 'Mijn sessies' },
    ];
  }
  return [
    { href: '/beheer', label: 'Start' },
    ...(stadsdorpSlug
      ? [
          { href: `/beheer/stadsdorpen/${stadsdorpSlug}/posters`, label: 'Posters en handouts' },
          { href: `/beheer/stadsdorpen/${stadsdorpSlug}/profiel`, label: 'Profiel en logo' },
        ]
      : []),
    { href: '/beheer/bijdragen', label: 'Bijdragen' },
    { href: '/beheer/sessies', label: 'Mijn sessies' },
  ];
}
