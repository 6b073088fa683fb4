import type { Migration, MigrationProvider } from 'kysely';
import * as createAccounts from './account/2026_11_22_1200_create_accounts.js';
import * as peopleAndTrust from './account/2026_11_22_1400_people_and_trust.js';
import * as accountHelpText from './account/2026_11_22_1600_account_help_text.js';
import * as inboundNumbers from './account/2026_11_22_1610_inbound_numbers.js';
import * as webhookEndpoints from './account/2026_11_22_1620_webhook_endpoints.js';
import * as retentionPolicies from './account/2026_11_22_1700_retention_policies.js';
import * as retentionRunsAndClosure from './account/2026_11_22_1710_retention_runs_and_closure.js';
import * as privacyRequests from './account/2026_11_22_1720_privacy_requests.js';
import * as senderOwnership from './account/2026_12_06_1000_sender_ownership.js';
import * as apiKeyOwners from './account/2026_12_06_1100_api_key_owners.js';
import * as emailChangeUndo from './account/2026_12_06_1110_email_change_undo.js';
import * as ownerVerificationHold from './account/2026_12_06_1200_owner_verification_hold.js';
import * as numberPacing from './account/2026_12_07_0100_number_pacing.js';
import * as retiredUsageMonths from './account/2026_12_07_1010_retired_usage_months.js';
import * as senderDomainPacing from './account/2026_12_07_1100_sender_domain_pacing.js';
import * as providerPaceCaps from './account/2026_12_07_1300_provider_pace_caps.js';
import * as templates from './account/2026_12_07_1400_templates.js';
import * as topics from './account/2026_12_07_1600_topics.js';
import * as smsOptOutLine from './account/2026_12_07_1610_sms_opt_out_line.js';
import * as sendingDomains from './account/2026_12_07_1620_sending_domains.js';
import * as erasurePropagation from './account/2026_12_08_0900_erasure_propagation.js';
import * as privacyRequestClock from './account/2026_12_08_1000_privacy_request_clock.js';
import * as twoFactor from './account/2026_12_08_1100_two_factor.js';
import * as requireTwoFactor from './account/2026_12_08_1110_require_two_factor.js';
import * as memberlessSince from './account/2026_12_09_0910_memberless_since.js';
import * as policies from './account/2026_12_09_0920_policies.js';
import * as operators from './account/2026_12_09_0930_operators.js';
import * as createContents from './content/2026_11_22_1200_create_contents.js';
import * as subjectExports from './content/2026_11_22_1720_subject_exports.js';
import * as contentsCreatedIndex from './content/2026_12_06_1500_contents_created_index.js';
import * as createMessages from './usage/2026_11_22_1200_create_messages.js';
import * as schedulingAndValidity from './usage/2026_11_22_1600_scheduling_and_validity.js';
import * as suppressions from './usage/2026_11_22_1610_suppressions.js';
import * as webhookDeliveries from './usage/2026_11_22_1620_webhook_deliveries.js';
import * as usageRetentionIndexes from './usage/2026_11_22_1710_retention_indexes.js';
import * as subjectRestrictions from './usage/2026_11_22_1720_subject_restrictions.js';
import * as overviewStatsIndex from './usage/2026_11_22_1800_overview_stats_index.js';
import * as sendingIndex from './usage/2026_11_23_0100_sending_index.js';
import * as senderOptOuts from './usage/2026_12_06_1010_sender_opt_outs.js';
import * as messageSegments from './usage/2026_12_06_1300_message_segments.js';
import * as webhookDeliveryState from './usage/2026_12_06_1400_webhook_delivery_state.js';
import * as messagesStatusIndex from './usage/2026_12_07_0200_messages_status_index.js';
import * as messageDailyCounts from './usage/2026_12_07_0300_message_daily_counts.js';
import * as messageRangeChecks from './usage/2026_12_07_0950_message_range_checks.js';
import * as validateMessageRangeChecks from './usage/2026_12_07_0955_validate_message_range_checks.js';
import * as partitionMessages from './usage/2026_12_07_1000_partition_messages.js';
import * as webhookEventsAboutSuppressions from './usage/2026_12_07_1500_webhook_events_about_suppressions.js';
import * as preferences from './usage/2026_12_07_1600_preferences.js';
import * as messageChains from './usage/2026_12_07_1700_message_chains.js';
import * as messageTemplates from './usage/2026_12_07_1710_message_templates.js';
import * as providerErasures from './usage/2026_12_08_0900_provider_erasures.js';
import * as privacyRequestVerifications from './usage/2026_12_08_1000_privacy_request_verifications.js';
import * as sealedIdentifiers from './usage/2026_12_09_0900_sealed_identifiers.js';

export type StoreName = 'account' | 'usage' | 'content';

/**
 * Every migration of every store, by the name it is recorded under. Listed by hand (not read
 * from the folder) so the same code loads TypeScript under tests and JavaScript from `dist/`;
 * `index.test.ts` fails when a file in a folder is missing here.
 */
export const migrations: Record<StoreName, Record<string, Migration>> = {
  account: {
    '2026_11_22_1200_create_accounts': createAccounts,
    '2026_11_22_1400_people_and_trust': peopleAndTrust,
    '2026_11_22_1600_account_help_text': accountHelpText,
    '2026_11_22_1610_inbound_numbers': inboundNumbers,
    '2026_11_22_1620_webhook_endpoints': webhookEndpoints,
    '2026_11_22_1700_retention_policies': retentionPolicies,
    '2026_11_22_1710_retention_runs_and_closure': retentionRunsAndClosure,
    '2026_11_22_1720_privacy_requests': privacyRequests,
    '2026_12_06_1000_sender_ownership': senderOwnership,
    '2026_12_06_1100_api_key_owners': apiKeyOwners,
    '2026_12_06_1110_email_change_undo': emailChangeUndo,
    '2026_12_06_1200_owner_verification_hold': ownerVerificationHold,
    '2026_12_07_0100_number_pacing': numberPacing,
    '2026_12_07_1010_retired_usage_months': retiredUsageMonths,
    '2026_12_07_1100_sender_domain_pacing': senderDomainPacing,
    '2026_12_07_1300_provider_pace_caps': providerPaceCaps,
    '2026_12_07_1400_templates': templates,
    '2026_12_07_1600_topics': topics,
    '2026_12_07_1610_sms_opt_out_line': smsOptOutLine,
    '2026_12_07_1620_sending_domains': sendingDomains,
    '2026_12_08_0900_erasure_propagation': erasurePropagation,
    '2026_12_08_1000_privacy_request_clock': privacyRequestClock,
    '2026_12_08_1100_two_factor': twoFactor,
    '2026_12_08_1110_require_two_factor': requireTwoFactor,
    '2026_12_09_0910_memberless_since': memberlessSince,
    '2026_12_09_0920_policies': policies,
    '2026_12_09_0930_operators': operators,
  },
  usage: {
    '2026_11_22_1200_create_messages': createMessages,
    '2026_11_22_1600_scheduling_and_validity': schedulingAndValidity,
    '2026_11_22_1610_suppressions': suppressions,
    '2026_11_22_1620_webhook_deliveries': webhookDeliveries,
    '2026_11_22_1710_retention_indexes': usageRetentionIndexes,
    '2026_11_22_1720_subject_restrictions': subjectRestrictions,
    '2026_11_22_1800_overview_stats_index': overviewStatsIndex,
    '2026_11_23_0100_sending_index': sendingIndex,
    '2026_12_06_1010_sender_opt_outs': senderOptOuts,
    '2026_12_06_1400_webhook_delivery_state': webhookDeliveryState,
    '2026_12_07_0200_messages_status_index': messagesStatusIndex,
    '2026_12_07_0300_message_daily_counts': messageDailyCounts,
    '2026_12_07_0950_message_range_checks': messageRangeChecks,
    '2026_12_07_0955_validate_message_range_checks': validateMessageRangeChecks,
    '2026_12_07_1000_partition_messages': partitionMessages,
    '2026_12_07_1500_webhook_events_about_suppressions': webhookEventsAboutSuppressions,
    '2026_12_07_1600_preferences': preferences,
    '2026_12_07_1700_message_chains': messageChains,
    '2026_12_07_1710_message_templates': messageTemplates,
    '2026_12_08_0900_provider_erasures': providerErasures,
    '2026_12_08_1000_privacy_request_verifications': privacyRequestVerifications,
    '2026_12_09_0900_sealed_identifiers': sealedIdentifiers,
    '2026_12_06_1300_message_segments': messageSegments,
  },
  content: {
    '2026_11_22_1200_create_contents': createContents,
    '2026_11_22_1720_subject_exports': subjectExports,
    '2026_12_06_1500_contents_created_index': contentsCreatedIndex,
  },
};

export function migrationProvider(store: StoreName): MigrationProvider {
  return { getMigrations: async () => migrations[store] };
}
