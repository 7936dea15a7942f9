/**
 * The tenant's post approval rules: the setting the settings API stores and the calendar reads to approve
 * a post without a person. One shape for both sides.
 */
export const APPROVAL_RULES_KEY = 'approval-rules';

export interface ApprovalRule {
  id: string;
  /** who may publish without a person's approval (JWT `sub`), any when empty */
  actors: string[];
  /** which targets the rule covers (asset ids), any when empty */
  targetIds: string[];
  description: string;
}
