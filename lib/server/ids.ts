// Record ids: 128 random bits, URL-safe.
import { randomBytes } from "node:crypto";

export function newId(): string {
  return randomBytes(16).toString("base64url");
}
