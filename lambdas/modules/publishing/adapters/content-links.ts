/**
 * The synced content a published target links to (`GET /posts/{id}`), read through the content module's
 * published store.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoContentRepository, contentOfTargets } from '../../content/contracts/store';
import { API_PREFIX } from '../../../platform/contracts/routes';
import type { PostContentLinks } from '../ports';

export class ContentLinks implements PostContentLinks {
  private readonly content: DynamoContentRepository;

  constructor(db: DynamoDBDocumentClient, tableName: string) {
    this.content = new DynamoContentRepository(db, tableName);
  }

  linksFor(tenantId: string, targets: ReadonlyArray<{ type: string; metaId: string | null }>) {
    return contentOfTargets({ content: this.content, apiPrefix: API_PREFIX }, tenantId, targets);
  }
}
