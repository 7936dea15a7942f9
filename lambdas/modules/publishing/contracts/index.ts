/**
 * The publishing module's public contracts: the only file other modules (and the registries in
 * lambdas/app) import from it. Events it publishes, the publish job its worker takes, its HTTP operations
 * and the approval rules setting.
 */
export { POST_EVENTS, postEvent, type PostEventType } from './events';
export { PublishRequested, type PublishJob } from './commands';
export { APPROVAL_RULES_KEY, type ApprovalRule } from './approval-rules';
export {
  ApprovalRulesBody,
  POST_OPERATIONS,
  POST_REQUEST_EXAMPLES,
  POST_SCHEMA_NAMES,
  PostBody,
  PostPatchBody,
} from './http';
