// moved: re-export until every importer moves
export * from '../../modules/connections/core/connection';
