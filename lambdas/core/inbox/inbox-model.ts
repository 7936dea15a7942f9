// moved: re-export until every importer moves (privacy's export names the inbox's sealed fields)
export * from '../../modules/inbox/core/inbox-model';
