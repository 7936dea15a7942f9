// moved: re-export until every importer moves
export { APPROVAL_RULES_KEY } from '../../modules/publishing/contracts';
