// moved: re-export until every importer moves
export * from '../../modules/publishing/core/post';
