// moved: re-export until every importer moves (privacy's export reads the inbox's sealed text)
export * from '../../modules/inbox/core/field-cipher';
