export type { AuditLog, Clock, ExportRepository, ExportStore, IdGenerator } from '../ports';
export type { CommandPublisher } from '../../platform/core/ports';
