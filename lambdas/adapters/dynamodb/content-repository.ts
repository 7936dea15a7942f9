// moved: re-export until every importer moves (the calendar links its posts to their synced content)
export { DynamoContentRepository } from '../../modules/content/adapters/dynamo-content-store';
