/** @jsxImportSource hono/jsx */
// The CoCo's pages about people who log in: sessions, accounts, API tokens, the activity log.
import type { Account, ActivityEntry, Session } from '../../../modules/accounts/schema.js';
import type { ApiTokenInfo } from '../../../modules/auth/service.js';
import { ErrorSummary, type Errors, Field, SelectField } from '../kit/field.js';
import { AdminLayout, type NavItem } from '../kit/layout.js';
import { ConfirmStep, dutchDateTime, Flash, Pagination, Table } from '../kit/parts.js';

/** Frame is what every page after login needs for its layout. */
export interface Frame {
  who: { name: string; roleLabel: string };
  nav: NavItem[];
  flash?: string | null;
}

function browserOf(userAgent: string): string {
  if (!userAgent) return 'Onbekende browser';
  const name = /Firefox|Edg|Chrome|Safari/.exec(userAgent)?.[0];
  const os = /Windows|Mac OS X|Android|iPhone|iPad|Linux/.exec(userAgent)?.[0];
  const label = { Edg: 'Edge' }[name ?? ''] ?? name ?? 'Browser';
  return os ? `${label} op ${os.replace('Mac OS X', 'Mac')}` : label;
}

/** SessionsPage lists one's sessions, with "log out everywhere". */
export function SessionsPage(props: Frame & { sessions: Session[]; currentId: number }) {
  return (
    <AdminLayout title="Mijn sessies" who={props.who} nav={props.nav} current="/beheer/sessies">
      <h1>Mijn sessies</h1>
      <Flash message={props.flash} />
      <p>
        Elke browser waarin u bent ingelogd is een sessie. Een sessie stopt na 12 uur zonder gebruik, en na 30
        dagen.
      </p>
      <Table
        caption="Waar u nu bent ingelogd"
        columns={[{ label: 'Browser' }, { label: 'Ingelogd' }, { label: 'Laatst gebruikt' }]}
        rows={props.sessions.map((s) => [
          `${browserOf(s.userAgent)}${s.id === props.currentId ? ' (deze browser)' : ''}`,
          dutchDateTime(s.createdAt),
          dutchDateTime(s.lastSeenAt),
        ])}
      />
      <form method="post" action="/beheer/sessies/overal-uitloggen">
        <button type="submit" class="gevaar">
          Overal uitloggen ({props.sessions.length} {props.sessions.length === 1 ? 'sessie' : 'sessies'})
        </button>
      </form>
    </AdminLayout>
  );
}

/** InviteValues is the invitation form as typed. */
export interface InviteValues {
  name: string;
  email: string;
  role: string;
  stadsdorp: string;
}

/** AccountsPage lists accounts with their last login and has the invitation form. */
export function AccountsPage(
  props: Frame & {
    accounts: Account[];
    stadsdorpen: { id: number; slug: string; name: string }[];
    values: InviteValues;
    errors: Errors;
  },
) {
  const sdName = (id: number | null) => props.stadsdorpen.find((s) => s.id === id)?.name ?? '';
  return (
    <AdminLayout title="Accounts" who={props.who} nav={props.nav} current="/beheer/accounts">
      <h1>Accounts</h1>
      <Flash message={props.flash} />
      <ErrorSummary
        errors={props.errors}
        labels={{ name: 'Naam', email: 'E-mailadres', role: 'Rol', stadsdorp: 'Stadsdorp' }}
      />
      <Table
        caption="Wie kan inloggen in beheer"
        columns={[
          { label: 'Naam' },
          { label: 'E-mailadres' },
          { label: 'Rol' },
          { label: 'Laatst ingelogd' },
          { label: 'Actie' },
        ]}
        rows={props.accounts.map((a) => [
          a.name,
          a.email,
          a.role === 'coco' ? 'CoCo' : `Redacteur ${sdName(a.stadsdorpId)}`,
          a.disabledAt
            ? `Uitgeschakeld ${dutchDateTime(a.disabledAt)}`
            : a.lastLoginAt
              ? dutchDateTime(a.lastLoginAt)
              : 'Nog nooit (uitgenodigd)',
          a.disabledAt ? (
            ''
          ) : (
            <a key="uitschakelen" href={`/beheer/accounts/${a.id}/uitschakelen`}>
              Uitschakelen<span class="verborgen"> {a.name}</span>
            </a>
          ),
        ])}
      />
      <h2 id="uitnodigen">Iemand uitnodigen</h2>
      <p>De persoon krijgt een mail met een link die 7 dagen werkt.</p>
      <form method="post" action="/beheer/accounts" novalidate>
        <Field
          name="name"
          label="Naam"
          autocomplete="off"
          value={props.values.name}
          error={props.errors.name}
        />
        <Field
          name="email"
          type="email"
          label="E-mailadres"
          autocomplete="off"
          value={props.values.email}
          error={props.errors.email}
        />
        <SelectField
          name="role"
          label="Rol"
          value={props.values.role}
          error={props.errors.role}
          options={[
            { value: 'stadsdorp', label: 'Redacteur van één stadsdorp' },
            { value: 'coco', label: 'CoCo-lid (ziet en doet alles)' },
          ]}
        />
        <SelectField
          name="stadsdorp"
          label="Stadsdorp"
          hint="Alleen voor een redacteur: het stadsdorp waar deze persoon voor werkt."
          value={props.values.stadsdorp}
          error={props.errors.stadsdorp}
          options={[
            { value: '', label: 'Kies een stadsdorp' },
            ...props.stadsdorpen.map((s) => ({ value: s.slug, label: s.name })),
          ]}
        />
        <button type="submit">Uitnodiging versturen</button>
      </form>
    </AdminLayout>
  );
}

/** DisableConfirmPage asks before an account is disabled. */
export function DisableConfirmPage(props: Frame & { account: Account }) {
  return (
    <AdminLayout title="Account uitschakelen" who={props.who} nav={props.nav}>
      <ConfirmStep
        question={`${props.account.name} uitschakelen?`}
        consequence={
          <p>
            {props.account.name} ({props.account.email}) kan dan niet meer inloggen en wordt nu overal
            uitgelogd. Wat deze persoon eerder deed, blijft bewaard.
          </p>
        }
        action={`/beheer/accounts/${props.account.id}/uitschakelen`}
        button={`Ja, schakel ${props.account.name} uit`}
        cancelHref="/beheer/accounts"
      />
    </AdminLayout>
  );
}

/** TokensPage lists API tokens with a way to revoke each. */
export function TokensPage(props: Frame & { tokens: ApiTokenInfo[] }) {
  return (
    <AdminLayout title="API-tokens" who={props.who} nav={props.nav} current="/beheer/tokens">
      <h1>API-tokens</h1>
      <Flash message={props.flash} />
      <p>
        Tokens zijn voor scripts en koppelingen. Een nieuw token maakt u met{' '}
        <code>npm run cli -- token create --role coco --name NAAM</code>.
      </p>
      <Table
        caption="Alle API-tokens"
        columns={[
          { label: 'Naam' },
          { label: 'Rol' },
          { label: 'Gemaakt' },
          { label: 'Status' },
          { label: 'Actie' },
        ]}
        rows={props.tokens.map((t) => [
          t.name,
          t.role === 'coco' ? 'CoCo' : 'Redacteur',
          dutchDateTime(t.createdAt),
          t.revokedAt ? `Ingetrokken ${dutchDateTime(t.revokedAt)}` : 'Werkt',
          t.revokedAt ? (
            ''
          ) : (
            <a key="intrekken" href={`/beheer/tokens/${t.id}/intrekken`}>
              Intrekken<span class="verborgen"> {t.name}</span>
            </a>
          ),
        ])}
      />
    </AdminLayout>
  );
}

/** RevokeConfirmPage asks before an API token is revoked. */
export function RevokeConfirmPage(props: Frame & { token: ApiTokenInfo }) {
  return (
    <AdminLayout title="API-token intrekken" who={props.who} nav={props.nav}>
      <ConfirmStep
        question={`Het token "${props.token.name}" intrekken?`}
        consequence={
          <p>
            Scripts en koppelingen die dit token gebruiken, krijgen vanaf nu geen toegang meer. Dit kunt u
            niet terugdraaien; voor een nieuw token is de opdrachtregel nodig.
          </p>
        }
        action={`/beheer/tokens/${props.token.id}/intrekken`}
        button="Ja, trek het token in"
        cancelHref="/beheer/tokens"
      />
    </AdminLayout>
  );
}

const ACTIONS: Record<string, string> = {
  login: 'logde in',
  import: 'importeerde',
  export: 'exporteerde',
  'logout-everywhere': 'logde overal uit',
  invite: 'nodigde uit',
  disable: 'schakelde uit',
  'account-create': 'maakte een account',
  'token-create': 'maakte een API-token',
  'token-revoke': 'trok een API-token in',
  approve: 'keurde goed',
  reject: 'wees af',
  'profile-change': 'wijzigde het profiel',
  'logo-upload': 'plaatste een logo',
  'photo-upload': 'plaatste een posterfoto',
  'photo-remove': 'verwijderde de posterfoto',
  'design-save': 'bewaarde een ontwerp',
  'design-delete': 'verwijderde een ontwerp',
  'list-create': 'voegde een lijst toe',
  'list-change': 'wijzigde een lijst',
  'stadsdorp-create': 'voegde een stadsdorp toe',
  'stadsdorp-change': 'wijzigde een stadsdorp',
  'campaign-create': 'maakte een campagne',
  'campaign-clone': 'kopieerde een campagne',
  'campaign-delete': 'verwijderde een concept',
  'campaign-photo': 'zette een foto bij een artikel',
  'campaign-send': 'verstuurde een campagne',
  'campaign-schedule': 'plande een campagne in',
  'campaign-cancel': 'annuleerde een campagne',
  'campaign-move': 'verzette een campagne',
  'campaign-unschedule': 'plande een campagne uit',
  'campaign-pause': 'pauzeerde een campagne',
  'campaign-resume': 'hervatte een campagne',
  'layout-upload': 'uploadde een layout',
  'layout-delete': 'verwijderde een layout',
  'subscriber-add': 'voegde een abonnee toe',
  'subscriber-edit': 'wijzigde een abonnee',
  'subscriber-export': 'downloadde de gegevens van',
  unsubscribe: 'meldde af',
  block: 'blokkeerde',
  unblock: 'hief de blokkade op van',
  erase: 'wiste (alleen de code blijft)',
  'contribution-submit': 'stuurde een bijdrage in',
  'contribution-take': 'nam een bijdrage over',
  'contribution-decline': 'wees een bijdrage af',
};

/** ActivityPage is the activity log, newest first, a page at a time. */
export function ActivityPage(
  props: Frame & { items: ActivityEntry[]; nextBefore: number | null; first: boolean },
) {
  return (
    <AdminLayout title="Activiteitenlog" who={props.who} nav={props.nav} current="/beheer/activiteit">
      <h1>Activiteitenlog</h1>
      <p>Wie wat deed in beheer. Regels worden een jaar bewaard.</p>
      <Table
        caption="Nieuwste eerst"
        columns={[{ label: 'Wanneer' }, { label: 'Wie' }, { label: 'Wat' }, { label: 'Waarover' }]}
        rows={props.items.map((e) => [
          dutchDateTime(e.createdAt),
          e.actorName,
          ACTIONS[e.action] ?? e.action,
          e.subject,
        ])}
      />
      <Pagination
        firstHref={props.first ? null : '/beheer/activiteit'}
        nextHref={props.nextBefore ? `/beheer/activiteit?voor=${props.nextBefore}` : null}
      />
    </AdminLayout>
  );
}
