// moved: re-export until every importer moves (privacy's export opens the inbox's sealed text)
export * from '../../modules/inbox/adapters/dynamo-data-key-store';
