// Record ids: 128 random bits, URL-safe, never starting with "-" (an id given to the CLI as
// `--id -abc` would read as an option, not as the id).
import { randomBytes } from "node:crypto";

export function newId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}
