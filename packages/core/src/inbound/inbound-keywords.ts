/** What an end user's text asks for, when it is one of the keywords carriers and Twilio honour. */
export type InboundKeyword = 'opt_out' | 'opt_in' | 'help';

const KEYWORDS = new Map<string, InboundKeyword>(
  Object.entries({
    STOP: 'opt_out',
    STOPALL: 'opt_out',
    UNSUBSCRIBE: 'opt_out',
    CANCEL: 'opt_out',
    END: 'opt_out',
    QUIT: 'opt_out',
    START: 'opt_in',
    YES: 'opt_in',
    UNSTOP: 'opt_in',
    HELP: 'help',
  } as const),
);

/**
 * The keyword a whole message is, like Twilio's own opt-out handling: "stop " and "Stop" are
 * STOP, "please stop texting me" is not (it is forwarded for a person to read).
 */
export function keywordOf(body: string): InboundKeyword | null {
  return KEYWORDS.get(body.trim().toUpperCase()) ?? null;
}
