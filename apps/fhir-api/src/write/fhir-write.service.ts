/**
 * Create and update (issue 10): body checks, scopes and compartment, US Core profile validation, the pure reverse
 * mapper, then one transaction in the legacy database. Update is one atomic statement `UPDATE ... SET ...,
 * ROW_VER = ROW_VER + 1 WHERE key = @id AND ROW_VER = @expected ...`; when it changes nothing the row is re-read in
 * the same transaction to tell 404 from 412. The answer is read back through the engine, whose cache compares
 * ROW_VER/UPDATED_AT on every read, so it never serves the version before the write.
 */
import { FhirError, forbidden, invalid, methodNotAllowed, notFound, preconditionFailed, type IssueInput } from '#facade/fhir';
import { epochToWallClock } from '#facade/time';
import type { WriteIssue } from '#facade/mappers/src/common/reverse.js';
import { validateUsCore } from '#facade/mappers/src/testing/us-core-validator.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import type { SearchExecutor } from '../engine/search/search-executor.js';
import type { AccessScope } from '../engine/search/source-conditions.js';
import { authorize, type Caller } from '../service/request-auth.js';
import type { RequestScope } from '../service/fhir.service.js';
import type { AuditStamp, WritableType, WriterKind } from './writable-type.js';
import { writableTypes } from './writable-types.js';
import { expectedVersion, resourceBody } from './write-body.js';
import type { StatementResult, WriteExecutor, WriteJob } from './write-statements.js';
import type { WriteEvent } from './write-audit.js';

/** The outcome of a write: the stored resource as a read now returns it. */
export interface WriteResult {
  resource: FhirResource;
  created: boolean;
  /** The EHR user recorded as CREATED_BY/UPDATED_BY (null = interface). */
  recordedUser: number | null;
}

type AnyWritable = WritableType<{ PAT_ID: number }>;

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const toIssues = (issues: WriteIssue[]): IssueInput[] =>
  issues.map((i) => ({ code: i.code, messageCode: `WRITE_${i.code.toUpperCase().replace(/-/g, '_')}`, diagnostics: i.diagnostics, expression: i.expression }));

export class FhirWriteService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly engine: SearchExecutor,
    private readonly executor: WriteExecutor,
    private readonly timeZone: string,
    /** USERS.USER_ID recorded for patient and backend writes (null = the EHR's "interface" convention). */
    private readonly serviceUser: number | null,
    /** Receives every write attempt past the token check (the actor, the outcome; `writeActorSink`; default: nowhere). */
    private readonly audit: (event: WriteEvent) => void | Promise<void> = () => undefined,
  ) {
    this.writers = writableTypes(timeZone);
  }

  private readonly writers: ReadonlyMap<string, AnyWritable>;

  /** `POST [type]`. */
  async create(rs: RequestScope, type: string, body: unknown, ifNoneExist: string | undefined): Promise<WriteResult> {
    return this.audited('create', rs, type, undefined, () => this.createOne(rs, type, body, ifNoneExist));
  }

  /** `PUT [type]/[id]` with `If-Match`. */
  async update(rs: RequestScope, type: string, id: string, body: unknown, ifMatch: string | string[] | undefined): Promise<WriteResult> {
    return this.audited('update', rs, type, id, () => this.updateOne(rs, type, id, body, ifMatch));
  }

  private async createOne(rs: RequestScope, type: string, body: unknown, ifNoneExist: string | undefined): Promise<WriteResult> {
    const writer = this.writer(type, 'create');
    const resource = resourceBody(body, type);
    if (resource.id !== undefined) {
      throw invalid('A create must not carry an id: the server assigns it (use PUT to update)', { messageCode: 'WRITE_CREATE_WITH_ID', expression: `${type}.id` });
    }
    if (ifNoneExist !== undefined) throw invalid(`Conditional create (If-None-Exist) is not supported for ${type}`, { messageCode: 'WRITE_CONDITIONAL_UNSUPPORTED', expression: 'If-None-Exist' });
    const access = this.access(rs.caller, type, 'create');
    const stamp = this.stamp(rs.caller);
    const row = this.validRow(writer, resource, undefined, { patient: stamp.user === undefined && access.patientId !== undefined });
    await this.checkPatient(rs, row.PAT_ID, access);
    const sql = this.executor.sql;
    const key = await this.executor.run(
      writer.createJob
        ? () => writer.createJob!(sql, row, stamp)
        : function* (): WriteJob<number> {
            const res: StatementResult = yield sql.insert(writer.table, writer.pk, writer.insertValues(row, stamp));
            const k = Number(res.rows[0]?.[writer.pk]);
            if (!Number.isSafeInteger(k) || k < 1) throw new Error(`INSERT INTO ${writer.table} returned no key`);
            return k;
          },
    );
    const stored = await this.readBack(rs, writer, writer.idOf(key, row), access);
    return { resource: stored, created: true, recordedUser: stamp.by };
  }

  private async updateOne(rs: RequestScope, type: string, id: string, body: unknown, ifMatch: string | string[] | undefined): Promise<WriteResult> {
    const writer = this.writer(type, 'update');
    // `PUT [type]/_search` and other `_` paths are operations, not instances; ids are FHIR ids.
    if (id.startsWith('_')) throw methodNotAllowed(`PUT ${type}/${id} is not supported by this server`);
    if (!FHIR_ID.test(id)) throw invalid(`'${id}' is not a valid resource id`, { messageCode: 'MSG_ID_INVALID' });
    const expected = expectedVersion(ifMatch);
    const resource = resourceBody(body, type);
    if (resource.id === undefined) throw invalid('An update must carry the id of the URL', { messageCode: 'WRITE_UPDATE_NO_ID', expression: `${type}.id` });
    if (resource.id !== id) throw invalid(`The body's id '${String(resource.id)}' is not the URL's '${id}'`, { messageCode: 'WRITE_UPDATE_ID_MISMATCH', expression: `${type}.id` });
    const access = this.access(rs.caller, type, 'update');
    const key = writer.keyOf(id);
    if (key === undefined) throw notFound(type, id);
    const existing = await this.engine.read(this.registry.get(type)!.def, id, access, rs.ctx);
    if (existing.kind !== 'found') throw notFound(type, id);
    // A type with its own update job maps the body against the served resource: that must be the version named.
    if (writer.updateJob && existing.found.resource.meta?.versionId !== String(expected)) throw preconditionFailed(`${type}/${id} is no longer at version ${expected}: read it again`, { messageCode: 'WRITE_VERSION_CONFLICT' });
    const stamp = this.stamp(rs.caller);
    const row = this.validRow(writer, resource, existing.found.resource as unknown as Record<string, unknown>, { patient: stamp.user === undefined && access.patientId !== undefined });
    const sql = this.executor.sql;
    const deleted = writer.deletedColumn === undefined ? 'DELETED_YN' : writer.deletedColumn;
    const immutable = writer.immutable ?? { PAT_ID: `${type}.patient` };
    const fixed = Object.fromEntries(Object.keys(immutable).map((c) => [c, (row as Record<string, unknown>)[c]]));
    const outcome = await this.executor.run(writer.updateJob ? () => writer.updateJob!(sql, key, expected, row, stamp) : function* (): WriteJob<string> {
      const res: StatementResult = yield sql.update(writer.table, writer.pk, key, expected, writer.updateValues(row, stamp), fixed, deleted);
      if (res.affected === 1) return 'ok';
      const now: StatementResult = yield sql.select(writer.table, writer.pk, key, ['ROW_VER', ...(deleted ? [deleted] : []), ...Object.keys(fixed)]);
      const cur = now.rows[0];
      if (!cur || (deleted && cur[deleted] === 'Y')) return 'missing';
      return Object.keys(fixed).find((c) => String(cur[c]).trim() !== String(fixed[c])) ?? 'stale';
    });
    if (outcome === 'missing') throw notFound(type, id);
    if (outcome === 'stale') throw preconditionFailed(`${type}/${id} is no longer at version ${expected}: read it again`, { messageCode: 'WRITE_VERSION_CONFLICT' });
    if (outcome !== 'ok') throw FhirError.of(422, { code: 'business-rule', messageCode: 'WRITE_IMMUTABLE', diagnostics: `${immutable[outcome]} of an existing resource cannot be changed`, expression: immutable[outcome] });
    const stored = await this.readBack(rs, writer, id, access);
    return { resource: stored, created: false, recordedUser: stamp.by };
  }

  private writer(type: string, interaction: 'create' | 'update'): AnyWritable {
    if (!this.registry.get(type)) throw notFound(type);
    const writer = this.writers.get(type);
    if (!writer?.[interaction]) throw methodNotAllowed(`${interaction === 'create' ? 'Creating' : 'Updating'} ${type} is not supported by this server`);
    return writer as unknown as AnyWritable;
  }

  /** The compartment a write may reach; granular (filtered) scopes do not grant writes (fail closed). */
  private access(caller: Caller, type: string, interaction: 'create' | 'update'): AccessScope {
    const access = authorize(caller, this.registry.get(type)!, interaction, this.timeZone);
    if (access.filters) throw forbidden(`Granular (?...) scopes do not grant ${interaction} on ${type}`);
    return access;
  }

  /** Profile validation (422 `processing`) and the reverse mapping (422 `not-supported` / `business-rule` / `required`; 413 `too-costly`). */
  private validRow(writer: AnyWritable, resource: Record<string, unknown>, current: Record<string, unknown> | undefined, who: WriterKind): { PAT_ID: number } {
    const mapped = writer.reverse(resource, current, who);
    const profile = mapped.ok ? (writer.profileOf?.(mapped.row) ?? writer.profile) : writer.profile;
    const errors = validateUsCore({ ...resource, meta: { profile: [profile] } } as unknown as FhirResource, profile).filter((i) => i.severity === 'error');
    const issues: IssueInput[] = errors.map((e) => ({ code: 'processing', messageCode: 'WRITE_PROFILE', diagnostics: e.message, expression: e.path || writer.type }));
    if (!mapped.ok) issues.push(...toIssues(mapped.issues));
    // Content beyond the size limit is 413 (`too-costly`), every other refusal 422.
    if (issues.length || !mapped.ok) throw FhirError.of(issues.some((i) => i.code === 'too-costly') ? 413 : 422, issues);
    return mapped.row;
  }

  /** The referenced patient must be reachable by the token (its own chart, its practice); otherwise 403, nothing written. */
  private async checkPatient(rs: RequestScope, patId: number, access: AccessScope): Promise<void> {
    const patient = this.registry.get('Patient');
    const found = patient && (await this.engine.read(patient.def, String(patId), { patientId: access.patientId, practiceId: access.practiceId, practiceIds: access.practiceIds }, rs.ctx));
    if (!found || found.kind !== 'found') throw forbidden(`The token may not write to the chart of Patient/${patId}`);
  }

  /** Runs one write and hands its actor and outcome (success or the refusal's status) to the audit sink. */
  private async audited(interaction: 'create' | 'update', rs: RequestScope, type: string, id: string | undefined, run: () => Promise<WriteResult>): Promise<WriteResult> {
    const c = rs.caller.claims;
    const actor = { interaction, type, sub: c.sub, clientId: c.client_id, fhirUser: c.fhirUser, practiceId: c.practice ?? null, jti: c.jti };
    let result: WriteResult;
    try {
      result = await run();
    } catch (e) {
      await this.audit({ ...actor, id, version: undefined, outcome: e instanceof FhirError ? e.status : 500, patientId: undefined, recordedUser: this.stamp(rs.caller).by });
      throw e;
    }
    const r = result.resource as FhirResource & { patient?: { reference?: string }; subject?: { reference?: string } };
    const patientId = r.resourceType === 'Patient' ? r.id : /^Patient\/(.+)$/.exec(r.patient?.reference ?? r.subject?.reference ?? '')?.[1];
    await this.audit({ ...actor, id: String(r.id), version: r.meta?.versionId, outcome: 'success', patientId, recordedUser: result.recordedUser });
    return result;
  }

  private stamp(caller: Caller): AuditStamp {
    const user = /^user:([1-9][0-9]{0,9})$/.exec(caller.claims.sub);
    const at = epochToWallClock(Math.floor(Date.now() / 1000) * 1000, this.timeZone);
    return user ? { at, by: Number(user[1]), user: Number(user[1]) } : { at, by: this.serviceUser };
  }

  private async readBack(rs: RequestScope, writer: AnyWritable, id: string, access: AccessScope): Promise<FhirResource> {
    const result = await this.engine.read(this.registry.get(writer.type)!.def, id, access, rs.ctx);
    if (result.kind !== 'found') throw new Error(`${writer.type} written but not readable`);
    return result.found.resource;
  }
}
