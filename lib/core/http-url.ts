// What counts as a link everywhere in the app: the validation of forms, the API and settings, and the
// annotation importer. Pure.

/**
 * The WHATWG parser repairs what a person would not call a link: "http:///x" and "http:/x" become
 * "http://x/", backslashes become slashes and tabs vanish. So the text as typed must already be
 * "http(s)://" followed by a host (after optional user info), with no spaces, controls or backslashes,
 * and then parse as http(s) with a non-empty host.
 */
const HTTP_AUTHORITY = /^https?:\/\/(?:[^/?#@]*@)?[^/?#@:]/i;
const NOT_IN_A_LINK = /[\s\\\p{Cc}]/u;

export function isHttpUrl(value: string): boolean {
  if (!HTTP_AUTHORITY.test(value) || NOT_IN_A_LINK.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}
