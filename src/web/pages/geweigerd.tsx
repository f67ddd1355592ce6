/** @jsxImportSource hono/jsx */
import { Message } from '../layout.js';

/** CrossSitePage explains a refused form post that came from another website; nothing was changed. */
export function CrossSitePage() {
  return (
    <Message title="Niet verwerkt">
      <p>Dit formulier kwam niet van onze eigen website en is daarom niet verwerkt. Er is niets gewijzigd.</p>
      <p>
        Open de link uit onze e-mail opnieuw en gebruik het formulier op die pagina. Lukt het dan nog niet?
        Controleer of uw browser of een extensie de herkomst van formulieren niet weglaat.
      </p>
    </Message>
  );
}
