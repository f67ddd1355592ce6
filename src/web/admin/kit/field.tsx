/** @jsxImportSource hono/jsx */

/** Errors are the messages of a form that came back, by field name. */
export type Errors = Record<string, string>;

/** Labelled is what every field has: a name (also its id), a label, an optional hint and error. */
interface Labelled {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** describedBy lists the ids of a field's hint and error, for aria-describedby. */
function describedBy(props: Labelled): string | undefined {
  const ids = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-fout` : ''];
  return ids.filter(Boolean).join(' ') || undefined;
}

/**
 * FieldFrame is the wrapper every field shares: the label above, the hint, the Dutch error at
 * the field (after a hidden "Fout: " for screen readers), then the control.
 */
function FieldFrame(props: Labelled & { children: unknown }) {
  return (
    <div class="veld">
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="fout" id={`${props.name}-fout`}>
          <span class="verborgen">Fout: </span>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/**
 * Field is one input with its label above, an optional hint, the Dutch error at the field,
 * and the value as typed, kept when the form comes back.
 */
export function Field(
  props: Labelled & {
    value?: string;
    type?: 'text' | 'email' | 'url' | 'file' | 'date' | 'password';
    autocomplete?: string;
    accept?: string;
    required?: boolean;
  },
) {
  return (
    <FieldFrame {...props}>
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={props.type === 'file' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        accept={props.accept}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

/** SelectField is a choice from a few options, with the same label, hint and error as Field. */
export function SelectField(
  props: Labelled & { value?: string; options: { value: string; label: string }[] },
) {
  return (
    <FieldFrame {...props}>
      <select
        id={props.name}
        name={props.name}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** TextArea is a longer text with label, hint and error; rows says how tall (3 lines unless given). */
export function TextArea(props: Labelled & { value?: string; rows?: number }) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 3}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** ErrorSummary lists a form's errors at the top, each a link to its field. */
export function ErrorSummary(props: { errors: Errors; labels?: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="samenvatting" role="alert" aria-labelledby="samenvatting-titel" tabindex={-1}>
      <h2 id="samenvatting-titel">Controleer het formulier</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === '_' ? (
              message
            ) : (
              <a href={`#${field}`}>
                {props.labels?.[field] ? `${props.labels[field]}: ${message}` : message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
