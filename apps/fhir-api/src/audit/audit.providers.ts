/** FhirModule's providers of the AuditEvent endpoints (the trail itself is AUDIT_TRAIL in fhir.providers.ts). */
import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AUDIT_TRAIL, LEGACY_DATA_SOURCE } from '../fhir-api.tokens.js';
import { AuditAccessRule } from './audit-access.js';
import { AuditEventService } from './audit-event.service.js';
import type { AuditTrail } from './audit-trail.js';

export const auditProviders: Provider[] = [
  {
    provide: AuditEventService,
    useFactory: (trail: AuditTrail, legacy: DataSource) => new AuditEventService(trail.repository, new AuditAccessRule(legacy)),
    inject: [AUDIT_TRAIL, LEGACY_DATA_SOURCE],
  },
];
