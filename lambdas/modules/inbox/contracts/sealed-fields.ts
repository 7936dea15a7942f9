/** What each sealed inbox field is bound to (its additional authenticated data), for a reader that opens it. */
export { fieldAad } from '../core/inbox-model';
