// A form field's error, wired for assistive technology: the input is marked invalid and described by
// the message. One place for every form's field errors.
export type FieldErrors = Record<string, string>;

/** Props for an input: aria-invalid and aria-describedby when `name` has an error. */
export function invalidProps(errors: FieldErrors, name: string, idPrefix: string) {
  return errors[name] ? { "aria-invalid": true, "aria-describedby": `${idPrefix}-${name}-error` } : {};
}

export function FieldError({ errors, name, idPrefix }: { errors: FieldErrors; name: string; idPrefix: string }) {
  return errors[name] ? (
    <p id={`${idPrefix}-${name}-error`} className="field-error">
      {errors[name]}
    </p>
  ) : null;
}
