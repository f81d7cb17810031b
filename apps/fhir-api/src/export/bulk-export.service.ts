/**
 * Bulk Data `$export` for the HTTP layer: kick-off (validation, limits, job row, queueing), status polling
 * (202 + progress, 429 when polled too fast, manifest, 404 after cancel/expiry, 500 on failure), cancel, and the
 * files. Only the client that started an export may poll, cancel or download it.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { FhirError, forbidden, invalid, notFound, operationOutcome, throttled, type IssueInput } from '#facade/fhir';
import type { BulkExportConfig } from '#facade/config';
import type { BulkExportRow } from '#facade/facade-store';
import type { SearchExecutor } from '../engine/search/search-executor.js';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import type { RequestScope } from '../service/fhir.service.js';
import type { Caller } from '../service/request-auth.js';
import { buildExportJob, type ExportClaims, type ExportJob } from './export-job.js';
import type { ExportProcessor } from './export-processor.js';
import { parseExportRequest, type ExportLevel } from './export-request.js';
import type { ExportRunner } from './export-runner.js';
import type { GroupMembers } from './group-members.js';

/** The completion manifest (Bulk Data 2.0.0). */
export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: string; url: string; count: number }[];
  error: { type: 'OperationOutcome'; url: string }[];
}

/** A status answer. */
export type ExportStatus =
  | { kind: 'running'; progress: string; retryAfter: number }
  | { kind: 'complete'; manifest: ExportManifest; expires: number };

/** The kick-off as the HTTP layer reads it. */
export interface KickOff {
  level: ExportLevel;
  groupId?: string;
  params: [string, string][];
  post: boolean;
  lenient: boolean;
  respondAsync: boolean;
  /** Absolute kick-off URL (the manifest's `request`). */
  requestUrl: string;
}

const ERRORS_FILE = 'errors.ndjson';
const FILE_NAME = /^[0-9]{6}-[A-Za-z]+\.ndjson$|^errors\.ndjson$/;

export class BulkExportService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly engine: SearchExecutor,
    private readonly processor: ExportProcessor,
    private readonly runner: ExportRunner,
    private readonly groups: GroupMembers,
    private readonly settings: BulkExportConfig,
    private readonly timeZone: string,
  ) {}

  private get store() {
    return this.processor.store;
  }

  /**
   * Starts an export; returns its id.
   * @throws FhirError 400 (bad parameters, no `Prefer: respond-async`), 403 (scopes), 404 (group), 429 (limits).
   */
  async kickOff(rs: RequestScope, k: KickOff): Promise<string> {
    if (rs.caller.base !== 'fhir') throw notFound('$export');
    if (!k.respondAsync && !k.lenient) throw invalid('$export needs the header Prefer: respond-async', { messageCode: 'EXPORT_PREFER_ASYNC' });
    const request = parseExportRequest(k.level, k.groupId, k.params, { post: k.post, lenient: k.lenient });
    const c = rs.caller.claims;
    const claims: ExportClaims = { client_id: c.client_id, scope: c.scope, sub: c.sub, practice: c.practice, practices: c.practices };
    const job = buildExportJob(this.registry, claims, request, { timeZone: this.timeZone, groups: this.groups, lenient: k.lenient });
    if (request.level === 'group') await this.checkGroup(job, request.groupId ?? '', rs);
    if (request.patients) await this.checkPatients(job, request.patients, rs, k.lenient);

    const retryAfter = String(this.settings.retryAfterSeconds * 5);
    if ((await this.store.countActive(c.client_id)) >= this.settings.perClient) {
      throw throttled(`This client already has ${this.settings.perClient} export(s) running; retry when one has finished, or cancel one`, { headers: { 'Retry-After': retryAfter } });
    }
    if ((await this.store.countActive()) >= this.settings.global) throw throttled('The server is running its maximum number of exports; retry later', { headers: { 'Retry-After': retryAfter } });

    const id = randomUUID();
    if (job.issues.length) await this.processor.storage.put(`${id}/${ERRORS_FILE}`, Readable.from(job.issues.map((i) => `${JSON.stringify(operationOutcome(i))}\n`)));
    await this.store.create({
      id, clientId: c.client_id, practiceId: c.practice ?? (c.practices?.length === 1 ? c.practices[0] : null), level: k.level, groupId: k.groupId ?? null,
      requestUrl: k.requestUrl, request: JSON.stringify({ ...request, ignored: [] }), caller: JSON.stringify(claims),
      types: JSON.stringify([...job.types.keys(), ...(job.provenance ? ['Provenance'] : [])]), transactionTime: Date.now(),
    });
    await this.runner.start(id);
    return id;
  }

  /** The Group must be one the caller reads (`Group/<id>` with the caller's practice confinement), else 404. */
  private async checkGroup(job: ExportJob, groupId: string, rs: RequestScope): Promise<void> {
    const groupType = this.registry.get('Group');
    if (!groupType) throw notFound('Group', groupId);
    const { practiceId, practiceIds } = job.patients;
    const clauses = [{ param: '_id', values: [{ kind: 'token' as const, value: { code: groupId } }] }];
    const page = await this.engine.search({ def: groupType.def, clauses, access: { practiceId, practiceIds }, count: 1 }, rs.ctx);
    if (page.found.length === 0) throw notFound('Group', groupId);
  }

  /** `patient` must name patients the export reaches (the caller's practice, the group). */
  private async checkPatients(job: ExportJob, patients: number[], rs: RequestScope, lenient: boolean): Promise<void> {
    const patientType = this.registry.get('Patient');
    if (!patientType) return;
    const clauses = [{ param: '_id', values: patients.map((p) => ({ kind: 'token' as const, value: { code: String(p) } })) }];
    const page = await this.engine.search({ def: patientType.def, clauses, access: job.patients, count: patients.length }, rs.ctx);
    if (page.found.length < patients.length && !lenient) {
      const known = new Set(page.found.map((f) => f.resource.id));
      throw invalid(`patient: ${patients.filter((p) => !known.has(String(p))).map((p) => `Patient/${p}`).join(', ')} is not a patient this export can reach`, { messageCode: 'EXPORT_PATIENT_UNKNOWN', expression: 'patient' });
    }
  }

  /** The export of `id` if the caller's client started it (404 when gone, 403 for another client). */
  private async own(caller: Caller, id: string): Promise<BulkExportRow> {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.store.get(id) : undefined;
    const gone = !row || row.status === 'cancelled' || (row.expiresAt !== null && row.expiresAt < Date.now());
    if (gone) throw FhirError.of(404, { code: 'not-found', messageCode: 'EXPORT_NOT_FOUND', diagnostics: `Export ${id} is not known (cancelled, expired or never started)` });
    if (row.clientId !== caller.claims.client_id) throw forbidden('This export was started by another client');
    return row;
  }

  /** The status of an export. @throws FhirError 404, 403, 429 (polled too fast), 500 (failed). */
  async status(caller: Caller, id: string, baseUrl: string): Promise<ExportStatus> {
    const row = await this.own(caller, id);
    if (row.status === 'failed') throw FhirError.of(500, { code: 'exception', messageCode: 'EXPORT_FAILED', diagnostics: `The export failed: ${row.error ?? 'unknown error'}` });
    if (row.status === 'complete') return { kind: 'complete', manifest: await this.manifest(row, baseUrl), expires: row.expiresAt ?? Date.now() };
    const previous = await this.store.touchPoll(id);
    const retryAfter = this.settings.retryAfterSeconds;
    if (previous !== null && Date.now() - previous < (retryAfter * 1000) / 2) {
      throw throttled(`Polled faster than every ${retryAfter} seconds`, { headers: { 'Retry-After': String(retryAfter) } });
    }
    const pct = row.chunksTotal ? Math.floor((100 * row.chunksDone) / row.chunksTotal) : 0;
    return { kind: 'running', progress: `${pct}% complete (${row.chunksDone}/${row.chunksTotal} chunks, ${row.resources} resources)`, retryAfter };
  }

  private async manifest(row: BulkExportRow, baseUrl: string): Promise<ExportManifest> {
    const url = (key: string) => `${baseUrl}/$export-file/${row.id}/${key.slice(key.indexOf('/') + 1)}`;
    const files = await this.store.filesOf(row.id);
    const errors = await this.processor.storage.get(`${row.id}/${ERRORS_FILE}`);
    errors?.destroy();
    return {
      transactionTime: new Date(row.transactionTime).toISOString(),
      request: row.requestUrl,
      requiresAccessToken: true,
      output: files.map((f) => ({ type: f.type, url: url(f.key), count: f.count })),
      error: errors ? [{ type: 'OperationOutcome', url: url(`${row.id}/${ERRORS_FILE}`) }] : [],
    };
  }

  /** Cancels (DELETE): the export then answers 404 and its files are deleted by the cleanup. */
  async cancel(caller: Caller, id: string): Promise<void> {
    await this.own(caller, id);
    await this.store.cancel(id);
    await this.runner.cancelled(id);
  }

  /** A file of a finished export. @throws FhirError 404, 403. */
  async file(caller: Caller, id: string, name: string): Promise<Readable> {
    const row = await this.own(caller, id);
    const listed = name === ERRORS_FILE || (row.status === 'complete' && (await this.store.filesOf(id)).some((f) => f.key === `${id}/${name}`));
    const stream = FILE_NAME.test(name) && listed ? await this.processor.storage.get(`${id}/${name}`) : undefined;
    if (!stream) throw FhirError.of(404, { code: 'not-found', messageCode: 'EXPORT_FILE_NOT_FOUND', diagnostics: `Export file ${name} is not known` });
    return stream;
  }

  /** Issues as OperationOutcome text (tests, logs). */
  static outcomeOf(issues: IssueInput[]): string {
    return issues.map((i) => JSON.stringify(operationOutcome(i))).join('\n');
  }
}
