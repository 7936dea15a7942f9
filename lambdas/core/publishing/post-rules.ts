// moved: re-export until every importer moves
export type { ApprovalRule } from '../../modules/publishing/contracts';
