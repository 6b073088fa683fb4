import {
  DEFAULT_PRIVACY_CONTACT,
  HeraldError,
  MATERIAL_NOTICE_DAYS,
  Policies,
  type PolicyKind,
  type Stores,
  systemClock,
} from '@herald/core';

export const policyUsage = `  policies list                             the privacy notice and terms in effect, and those to come
  policies publish --kind privacy|terms --version <v> --url <url> --effective <time>
                   --summary <text> [--material]
                                            publish a version; a material change takes effect
                                            ${MATERIAL_NOTICE_DAYS} days after publishing at the earliest, and the
                                            worker emails every owner about it`;

export type PolicyOptions = {
  kind?: string;
  version?: string;
  url?: string;
  effective?: string;
  summary?: string;
  material?: boolean;
};

/**
 * The operator's commands for the privacy notice and the terms (issue 17, item 7). Answers the
 * exit code, or undefined when `command` is not one of them.
 */
export async function runPolicyCommand(
  stores: Stores,
  command: string,
  options: PolicyOptions,
): Promise<number | undefined> {
  const policies = new Policies({
    account: stores.account,
    clock: systemClock,
    privacyContact: process.env.PRIVACY_CONTACT ?? DEFAULT_PRIVACY_CONTACT,
  });
  switch (command) {
    case 'policies list': {
      const overview = await policies.overview();
      for (const version of [overview.privacy, overview.terms, ...overview.upcoming])
        if (version)
          console.log(
            `${version.kind} ${version.version}: from ${version.effective_at.toISOString()}${version.material ? ' (material)' : ''} ${version.url}`,
          );
      return 0;
    }
    case 'policies publish': {
      const { kind, version, url, summary } = options;
      const effective = options.effective ? new Date(options.effective) : undefined;
      if (
        (kind !== 'privacy' && kind !== 'terms') ||
        !version ||
        !url ||
        !summary ||
        !effective ||
        Number.isNaN(effective.getTime())
      )
        return fail(
          'policies publish needs --kind privacy|terms, --version, --url, --summary and --effective <time> (ISO 8601)',
        );
      try {
        const published = await policies.publish({
          kind: kind as PolicyKind,
          version,
          url,
          summary,
          effectiveAt: effective,
          material: options.material === true,
        });
        console.log(
          `${published.kind} ${published.version} takes effect ${published.effective_at.toISOString()}${published.material ? '; every owner will be emailed by the worker' : ''}`,
        );
        return 0;
      } catch (error) {
        if (error instanceof HeraldError) return fail(`${error.param}: ${error.message}`);
        throw error;
      }
    }
    default:
      return undefined;
  }
}

function fail(message: string): number {
  console.error(message);
  return 2;
}
