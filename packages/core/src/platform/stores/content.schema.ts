import type { Selectable } from 'kysely';
import type { Timestamp } from './column-types.js';

/** The content store: what was said, only ever as ciphertext (the customer is controller). */
export interface ContentDatabase {
  data_keys: DataKeysTable;
  message_contents: MessageContentsTable;
  subject_exports: SubjectExportsTable;
}

export interface DataKeysTable {
  account_id: string;
  wrapped_key: Buffer;
  kek_id: string;
  created_at: Timestamp;
}

export interface MessageContentsTable {
  message_id: string;
  account_id: string;
  ciphertext: Buffer;
  created_at: Timestamp;
}

export type DataKeyRow = Selectable<DataKeysTable>;
export type MessageContentRow = Selectable<MessageContentsTable>;

export type SubjectExportStatus = 'pending' | 'ready' | 'downloaded' | 'expired' | 'failed';

/** An archive about one end user, sealed to a key only its download link can derive. */
export interface SubjectExportsTable {
  id: string;
  account_id: string;
  privacy_request_id: string;
  channel: 'sms' | 'email' | 'push';
  identifier_hash: string;
  status: SubjectExportStatus;
  token_hash: string;
  public_key: Buffer;
  /** The identifier, sealed with the master key, until the archive is built. */
  subject_sealed: Buffer | null;
  archive: Buffer | null;
  deadline_at: Date;
  expires_at: Date;
  created_at: Timestamp;
  completed_at: Date | null;
  downloaded_at: Date | null;
}

export type SubjectExportRow = Selectable<SubjectExportsTable>;
