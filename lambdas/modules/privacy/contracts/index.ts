/**
 * The privacy module's public contracts: the only files other modules (and the registries in
 * lambdas/app) import from it.
 */
export {
  AssetPurgeRequested,
  ExportRequested,
  PurgeRequested,
  type AssetPurgeCommand,
  type ExportCommand,
  type PurgeCommand,
} from './commands';
