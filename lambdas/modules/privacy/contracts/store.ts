/**
 * Where deletion requests are recorded, for the module that starts one (a disconnect): the one adapter
 * behind every deletion request, so their table layout stays in this module.
 */
export { DynamoDeletionRequests } from '../adapters/dynamo-deletion-requests';
