import {
  type Actor,
  AuditLog,
  type InboundNumber,
  PhoneNumberService,
  SenderDomainService,
  type Stores,
} from '@herald/core';

export const senderUsage = `  numbers assign <+E164> --account <acc_id> [--operator <email>]
                                            give a number Herald provisions to an account,
                                            verified (moved away from any account that held it)
  numbers list [--pending]                  every claim on every number (or the pending ones)
  domains allow <domain> --account <acc_id> [--operator <email>]
                                            let the account send email from the domain
  domains revoke <domain> --account <acc_id> [--operator <email>]
                                            take the domain back
  domains list --account <acc_id>           the domains the account may send email from`;

type Options = { account?: string; pending?: boolean };

/**
 * The operator's commands for senders (ADR 15): numbers Herald provisions, and the email domains
 * each account may use. Each change is in the account's audit log under the operator's name.
 * Answers the exit code, or undefined when `command` is not one of them.
 */
export async function runSenderCommand(
  stores: Stores,
  command: string,
  [subject]: string[],
  options: Options,
  actor: Actor,
): Promise<number | undefined> {
  const audit = new AuditLog({ account: stores.account });
  const numbers = new PhoneNumberService({ account: stores.account, audit });
  const domains = new SenderDomainService({ account: stores.account, audit });
  switch (command) {
    case 'numbers assign': {
      if (!subject || !/^\+[1-9][0-9]{6,14}$/.test(subject) || !options.account)
        return fail('numbers assign needs an E.164 number (+14155550100) and --account <acc_id>');
      const { number, movedFrom } = await numbers.assign(subject, options.account, actor);
      console.log(
        `${number.number}: held by ${number.accountId} (verified, ${number.id})${movedFrom ? `; moved away from ${movedFrom}` : ''}`,
      );
      return 0;
    }
    case 'numbers list': {
      const claims = await numbers.listAll({ pendingOnly: options.pending === true });
      if (claims.length === 0) console.log('no claims');
      for (const claim of claims) console.log(formatClaim(claim));
      return 0;
    }
    case 'domains allow':
    case 'domains revoke': {
      if (!subject || !options.account)
        return fail(`${command} needs <domain> and --account <acc_id>`);
      if (command === 'domains allow') {
        const domain = await domains.allow(options.account, subject, actor);
        console.log(`${options.account} may send email from ${domain}`);
      } else {
        const removed = await domains.revoke(options.account, subject, actor);
        console.log(`${options.account}: ${subject} ${removed ? 'revoked' : 'was not allowed'}`);
      }
      return 0;
    }
    case 'domains list': {
      if (!options.account) return fail('domains list needs --account <acc_id>');
      const list = await domains.list(options.account);
      if (list.length === 0) console.log('no domains: this account sends only from the default');
      for (const d of list) console.log(`${d.domain}  since ${d.createdAt.toISOString()}`);
      return 0;
    }
    default:
      return undefined;
  }
}

function formatClaim(claim: InboundNumber): string {
  const since = (claim.verifiedAt ?? claim.createdAt).toISOString();
  return `${claim.number}  ${claim.accountId}  ${claim.status}  ${claim.id}  since ${since}`;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}
