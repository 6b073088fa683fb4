import { type NewMessageRow, newId } from '@herald/core';

/**
 * A usage-store message row for tests that write the store directly: an outbound SMS, queued,
 * content stored, with a fresh id; `overrides` set the fields a test is about.
 */
export function newMessageRow(overrides: Partial<NewMessageRow> = {}): NewMessageRow {
  return {
    id: newId('msg'),
    account_id: 'acc_test',
    channel: 'sms',
    recipient: '+14155550100',
    sender: null,
    status: 'queued',
    error_code: null,
    error_message: null,
    provider: null,
    provider_message_id: null,
    provider_error_code: null,
    status_callback: null,
    metadata: '{}',
    content_stored: true,
    sent_at: null,
    send_at: null,
    expires_at: null,
    ...overrides,
  };
}
