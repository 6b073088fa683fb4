import { type MasterKey, OperatorService, type Stores, systemClock } from '@herald/core';

export const operatorUsage = `  operators create --email <address> --name <name>
                                            create a named operator: their password and TOTP
                                            secret are shown once (needs HERALD_MASTER_KEY); they
                                            sign in with both at POST /v1/operator/sessions`;

/**
 * The command that makes named operators (issue 17, item 8). Answers the exit code, or
 * undefined when `command` is not one of them.
 */
export async function runOperatorCommand(
  stores: Stores,
  masterKey: MasterKey | undefined,
  command: string,
  options: { email?: string; name?: string },
): Promise<number | undefined> {
  if (command !== 'operators create') return undefined;
  if (!masterKey) {
    console.error(
      'operators create seals the TOTP secret with HERALD_MASTER_KEY: set it as the API has it',
    );
    return 2;
  }
  if (!options.email || !options.name) {
    console.error('operators create needs --email <address> and --name <name>');
    return 2;
  }
  const operators = new OperatorService({ db: stores.account, masterKey, clock: systemClock });
  const created = await operators.create({ email: options.email, name: options.name });
  console.log(`operator ${created.operator.id} (${created.operator.email})`);
  console.log(`password (shown once): ${created.password}`);
  console.log(`TOTP secret (shown once; add it to an authenticator app): ${created.secret}`);
  console.log(created.otpauthUrl);
  return 0;
}
