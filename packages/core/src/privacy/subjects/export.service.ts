import type { Kysely } from 'kysely';
import type { Actor } from '../../audit/audit-log.js';
import type { Clock } from '../../platform/clock.js';
import { seal } from '../../platform/crypto/aead.js';
import type { MasterKey } from '../../platform/crypto/master-key.js';
import { HeraldError } from '../../platform/errors/herald-error.js';
import type {
  ContentDatabase,
  SubjectExportRow,
  SubjectExportStatus,
} from '../../platform/stores/content.schema.js';
import type { ChannelName } from '../../platform/stores/usage.schema.js';
import type { IdentifierHasher } from '../../suppressions/identifier-hasher.js';
import { enqueueSubjectExport, type PrivacyQueue } from './export.job.js';
import {
  findSubjectExport,
  insertSubjectExport,
  markExportDownloaded,
  markExportFailed,
} from './export.store.js';
import {
  exportKeyPair,
  hashDownloadToken,
  newDownloadToken,
  openArchive,
  tokenMatches,
} from './export-crypto.js';
import type { PrivacyRequestLog, RequestOrigin } from './privacy-request.service.js';
import { newPrivacyId, resolveSubject } from './subject.js';

export type SubjectExport = {
  id: string;
  accountId: string;
  status: SubjectExportStatus;
  deadlineAt: Date;
  expiresAt: Date;
  createdAt: Date;
};

export type SubjectExportDeps = {
  content: Kysely<ContentDatabase>;
  hasher: IdentifierHasher;
  masterKey: MasterKey;
  requests: PrivacyRequestLog;
  queue: PrivacyQueue;
  /** Where people reach the API: the download link points there. */
  publicUrl: string;
  clock: Clock;
  /** How long an archive waits for its download (7 days). */
  ttlMs?: number;
};

export const SUBJECT_EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** What binds a sealed value to its export (and account): it opens nowhere else. */
export function exportAad(
  accountId: string,
  exportId: string,
  part: 'subject' | 'archive',
): string {
  return `herald:subject-export:${part}:${accountId}:${exportId}`;
}

/**
 * The API side of exports: asks the worker for an archive, answers its status, and hands it
 * out once. The download token is in the creation answer only; Herald keeps its hash and the
 * public key it derives, so the archive opens with the link and nothing else.
 */
export class SubjectExportService {
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(private readonly deps: SubjectExportDeps) {
    this.clock = deps.clock;
    this.ttlMs = deps.ttlMs ?? SUBJECT_EXPORT_TTL_MS;
  }

  async request(
    accountId: string,
    request: { identifier: string; channel?: ChannelName },
    actor: Actor,
    origin: RequestOrigin = {},
  ): Promise<{ export: SubjectExport; downloadUrl: string }> {
    const subject = resolveSubject(request.identifier, request.channel);
    const hash = await this.deps.hasher.hash(accountId, subject.channel, subject.identifier);
    const id = newPrivacyId('sxp');
    const token = newDownloadToken();
    const opened = await this.deps.requests.open({
      accountId,
      kind: 'export',
      channel: subject.channel,
      identifierHash: hash,
      actor,
      status: 'pending',
      origin,
      details: { export_id: id },
    });
    const now = this.clock.now();
    const row = await insertSubjectExport(this.deps.content, {
      id,
      account_id: accountId,
      privacy_request_id: opened.id,
      channel: subject.channel,
      identifier_hash: hash,
      status: 'pending',
      token_hash: hashDownloadToken(token),
      public_key: exportKeyPair(token, id).publicKey,
      subject_sealed: seal(
        this.deps.masterKey.key,
        Buffer.from(subject.identifier, 'utf8'),
        exportAad(accountId, id, 'subject'),
      ),
      deadline_at: opened.deadlineAt,
      expires_at: new Date(now.getTime() + this.ttlMs),
      created_at: now,
    });
    try {
      await enqueueSubjectExport(this.deps.queue, { exportId: id, accountId });
    } catch (error) {
      // Without its job the export would wait forever: it fails now, and the caller retries.
      await markExportFailed(this.deps.content, id, this.clock.now());
      await this.deps.requests.settle(accountId, opened.id, 'failed');
      throw error;
    }
    const url = new URL(`/v1/subjects/exports/${id}/download`, this.deps.publicUrl);
    url.searchParams.set('token', token);
    return { export: this.toExport(row), downloadUrl: url.toString() };
  }

  async get(accountId: string, id: string): Promise<SubjectExport> {
    const row = await findSubjectExport(this.deps.content, accountId, id);
    if (!row) throw new HeraldError('subject_export_not_found', { param: 'export_id' });
    return this.toExport(row);
  }

  /**
   * The archive, opened with the link's token, then gone: the row keeps only its status. A
   * second download, another token or a failed export is `token_invalid`; a late one
   * `token_expired`; one still being built `subject_export_not_ready`.
   */
  async download(accountId: string, id: string, token: string): Promise<unknown> {
    return this.deps.content.transaction().execute(async (tx) => {
      const row = await findSubjectExport(tx, accountId, id, { lock: true });
      if (!row) throw new HeraldError('subject_export_not_found', { param: 'export_id' });
      if (!tokenMatches(token, row.token_hash))
        throw new HeraldError('token_invalid', { param: 'token' });
      const status = this.toExport(row).status;
      if (status === 'expired') throw new HeraldError('token_expired', { param: 'token' });
      if (status === 'pending') throw new HeraldError('subject_export_not_ready');
      if (status !== 'ready' || !row.archive)
        throw new HeraldError('token_invalid', { param: 'token' });
      const archive = openArchive(token, id, row.archive, exportAad(accountId, id, 'archive'));
      await markExportDownloaded(tx, id, this.clock.now());
      return JSON.parse(archive.toString('utf8')) as unknown;
    });
  }

  /** An archive past its time reads `expired` before the expiry job has wiped it. */
  private toExport(row: SubjectExportRow): SubjectExport {
    const lapsed =
      (row.status === 'pending' || row.status === 'ready') &&
      row.expires_at.getTime() <= this.clock.now().getTime();
    return {
      id: row.id,
      accountId: row.account_id,
      status: lapsed ? 'expired' : row.status,
      deadlineAt: row.deadline_at,
      expiresAt: row.expires_at,
      createdAt: row.created_at,
    };
  }
}
