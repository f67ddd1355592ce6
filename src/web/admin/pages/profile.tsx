/** @jsxImportSource hono/jsx */
import type { Profile } from '../../../modules/print/schema.js';
import { ErrorSummary, type Errors, Field, TextArea } from '../kit/field.js';
import { AdminLayout } from '../kit/layout.js';
import { dutchDateTime, Flash } from '../kit/parts.js';
import type { Frame } from './people.js';

/** ProfileValues are the profile form as typed. */
export interface ProfileValues {
  brandColour: string;
  website: string;
  contact: string;
  defaultTexts: Record<string, string>;
}

/** ProfilePage is a stadsdorp's print profile form and its logo upload with preview. */
export function ProfilePage(
  props: Frame & {
    stadsdorp: { slug: string; name: string };
    profile: Profile;
    values: ProfileValues;
    errors: Errors;
    textFields: { name: string; label: string; maxLength: number }[];
    logoWarnings: string[];
  },
) {
  const base = `/beheer/stadsdorpen/${props.stadsdorp.slug}`;
  const logo = props.profile.logo;
  const filled = props.textFields.filter(
    (f) => (props.values.defaultTexts[f.name] ?? '').trim() !== '',
  ).length;
  const textsOpen = Object.keys(props.errors).some((k) => k.startsWith('defaultTexts.'));
  return (
    <AdminLayout
      title={`Profiel ${props.stadsdorp.name}`}
      who={props.who}
      nav={props.nav}
      current={`${base}/profiel`}
    >
      <h1>Profiel en logo van {props.stadsdorp.name}</h1>
      <Flash message={props.flash} />
      {props.logoWarnings.map((w) => (
        <div class="melding fout" key={w}>
          {w}
        </div>
      ))}
      <ErrorSummary
        errors={props.errors}
        labels={{ brandColour: 'Huiskleur', website: 'Website', contact: 'Contact', logo: 'Logo' }}
      />
      <p>Deze gegevens komen op de posters en handouts van uw stadsdorp.</p>
      <h2 id="logo-kop">Logo</h2>
      {logo ? (
        <div>
          <img class="logo" src={`${base}/logo`} alt={`Logo van ${props.stadsdorp.name}`} />
          <p class="klein">
            {logo.width} × {logo.height} pixels, geplaatst {dutchDateTime(logo.uploadedAt)}.
          </p>
        </div>
      ) : (
        <p>Er is nog geen logo. Zonder logo staat de naam van uw stadsdorp op de poster.</p>
      )}
      <form method="post" action={`${base}/logo`} enctype="multipart/form-data">
        <Field
          name="logo"
          type="file"
          label="Nieuw logo"
          hint="PNG, JPEG of SVG. Voor scherpe posters minstens 300 dpi op de gedrukte maat (zo'n 1200 pixels breed)."
          accept="image/png,image/jpeg,image/svg+xml"
          error={props.errors.logo}
        />
        <button type="submit">Logo plaatsen</button>
      </form>
      <h2>Huiskleur, website en teksten</h2>
      <form method="post" action={`${base}/profiel`} novalidate>
        <Field
          name="brandColour"
          label="Huiskleur"
          hint="Als #RRGGBB, bijvoorbeeld #1B6B5A. Witte tekst moet er goed op te lezen zijn."
          value={props.values.brandColour}
          error={props.errors.brandColour}
        />
        <p>
          Nu:{' '}
          <span class="kleurvoorbeeld" style={`background:${props.profile.brandColour}`}>
            Witte tekst op {props.profile.brandColour}
          </span>
        </p>
        <Field
          name="website"
          label="Website"
          hint="Zoals www.stadsdorp.nl"
          value={props.values.website}
          error={props.errors.website}
        />
        <Field
          name="contact"
          label="Contact"
          hint="Een e-mailadres of telefoonnummer voor op de poster."
          value={props.values.contact}
          error={props.errors.contact}
        />
        {/* Two dozen optional texts: folded away unless one of them needs attention. */}
        <details open={textsOpen || undefined}>
          <summary>
            Standaardteksten voor posters en handouts ({filled} van {props.textFields.length} ingevuld, niet
            verplicht)
          </summary>
          <fieldset>
            <legend>Standaardteksten</legend>
            <p class="hint">Deze teksten staan al ingevuld als u een nieuwe poster maakt.</p>
            {props.textFields.map((f) => (
              <TextArea
                key={f.name}
                name={`tekst.${f.name}`}
                label={f.label}
                hint={`Hoogstens ${f.maxLength} tekens.`}
                value={props.values.defaultTexts[f.name] ?? ''}
                error={props.errors[`defaultTexts.${f.name}`]}
              />
            ))}
          </fieldset>
        </details>
        <button type="submit">Profiel opslaan</button>
      </form>
    </AdminLayout>
  );
}
