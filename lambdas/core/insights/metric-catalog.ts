// moved: re-export until every importer moves
export * from '../../modules/insights/core/metric-catalog';
