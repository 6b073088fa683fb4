const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe inside HTML or XML, in an element or a quoted attribute: the five characters
 * that could end either become references both languages read alike. Herald's own emails,
 * TwiML replies and the end users' preference page all use it.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => REFERENCES[c]!);
}
