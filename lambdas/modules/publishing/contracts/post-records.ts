/** A stored post and the helpers a reader needs to judge it (privacy's purge decides by its status). */
export { overallStatus, targetKey, type PostRecord, type PostTarget, type TargetState } from '../core/post';
