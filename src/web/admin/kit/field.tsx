/** @jsxImportSource hono/jsx */

/** Errors are the messages of a form that came back, by field name. */
export type Errors = Record<string, string>;

/**
 * Field is one input with its label above, an optional hint, the Dutch error at the field,
 * and the value as typed, kept when the form comes back.
 */
export function Field(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'email' | 'url' | 'file';
  autocomplete?: string;
  accept?: string;
  required?: boolean;
}) {
  const describedBy = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-fout` : '']
    .filter(Boolean)
    .join(' ');
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
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={props.type === 'file' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        accept={props.accept}
        required={props.required}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

/** SelectField is a choice from a few options, with the same label, hint and error as Field. */
export function SelectField(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  options: { value: string; label: string }[];
}) {
  const describedBy = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-fout` : '']
    .filter(Boolean)
    .join(' ');
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
          {props.error}
        </p>
      ) : null}
      <select
        id={props.name}
        name={props.name}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** TextArea is a longer text with label, hint and error. */
export function TextArea(props: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
}) {
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
          {props.error}
        </p>
      ) : null}
      <textarea
        id={props.name}
        name={props.name}
        rows={3}
        aria-describedby={props.hint ? `${props.name}-hint` : undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
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
