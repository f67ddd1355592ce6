/** @jsxImportSource hono/jsx */
// The archive's own pages in the look of the other public pages. The web versions of the
// Nieuwsbrieven themselves are served exactly as sent (src/modules/campaigns/archive.ts).
import type { ArchivePages } from '../../modules/campaigns/archive.js';
import { Layout } from '../layout.js';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

const feedLink = (
  <link rel="alternate" type="application/atom+xml" title="Netwerk Nieuwsbrief" href="/archief/feed.xml" />
);

/** archivePages renders the archive list and the page on unsubscribing, for archiveRoutes. */
export const archivePages: ArchivePages = {
  list: (items) => (
    <Layout title="Archief" indexed head={feedLink}>
      <h1>Archief van de Netwerk Nieuwsbrief</h1>
      {items.length ? (
        <ul class="lijst">
          {items.map((i) => (
            <li key={i.slug}>
              <a href={`/archief/${i.slug}`}>{i.subject}</a>
              <br />
              <span class="klein">{dateFormat.format(new Date(i.sentAt))}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>Er staan nog geen nieuwsbrieven in het archief.</p>
      )}
      <p>
        <a href="/archief/feed.xml">Volg het archief via Atom/RSS</a>
      </p>
      <p>
        <a href="/aanmelden">Meld u aan voor de Netwerk Nieuwsbrief</a>
      </p>
    </Layout>
  ),
  unsubscribe: () => (
    <Layout title="Afmelden" head={feedLink}>
      <h1>Afmelden of voorkeuren wijzigen</h1>
      <p>Deze webversie van de nieuwsbrief is voor iedereen hetzelfde en bevat geen persoonlijke links.</p>
      <p>
        Wilt u zich afmelden of uw voorkeuren wijzigen? Gebruik dan de link <strong>Afmelden</strong> of{' '}
        <strong>Voorkeuren wijzigen</strong> onderaan een nieuwsbrief die u per e-mail heeft ontvangen.
      </p>
      <p>
        <a href="/archief">Terug naar het archief</a>
      </p>
    </Layout>
  ),
};
