/** A field's error, tied to its input by `aria-describedby={fieldErrorId(id)}`. */
export function fieldErrorId(inputId: string): string {
  return `${inputId}-error`;
}

export function FieldError({ inputId, message }: { inputId: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={fieldErrorId(inputId)} className="mt-1 text-sm text-brand-700">
      {message}
    </p>
  );
}
