// moved: re-export until every importer moves
export { POST_OPERATIONS } from '../../../modules/publishing/contracts';
