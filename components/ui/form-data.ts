// Reads a text field from submitted form data; a missing field or a file reads as "".
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
