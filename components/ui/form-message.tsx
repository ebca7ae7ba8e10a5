// A form's outcome beside its button: a status read out politely, or an alert for an error.

export type FormMessageValue = { kind: "ok" | "error"; text: string } | null;

export function FormMessage({ message }: { message: FormMessageValue }) {
  if (!message) return null;
  return (
    <span role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-green-800"}>
      {message.text}
    </span>
  );
}
