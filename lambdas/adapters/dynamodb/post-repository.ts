// moved: re-export until every importer moves
export { DynamoPostStore as DynamoPostRepository } from '../../modules/publishing/adapters/dynamo-post-store';
