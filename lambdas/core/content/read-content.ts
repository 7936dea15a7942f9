// moved: re-export until every importer moves (the calendar links its posts to their content)
export * from '../../modules/content/core/read-content';
