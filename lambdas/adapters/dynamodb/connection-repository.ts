// moved: re-export until every importer moves
export { DynamoConnectionStore as DynamoConnectionRepository } from '../../modules/connections/adapters/dynamo-connection-store';
