import { applyMapping } from '../../../lambdas/modules/leads/core/field-mapping';
import { LeadStatusMapping } from '../../../lambdas/modules/leads/contracts/status-mapping';
import { decideFeedback } from '../../../lambdas/modules/leads/core/status-feedback';

describe('lead field mapping', () => {
  const answers = [
    { name: 'full_name', values: ['Ana Lima'] },
    { name: 'email', values: ['ana@example.test'] },
    { name: 'budget_range', values: ['10k', '20k'] },
  ];

  it('maps standard keys by default and keeps the rest as custom fields', () => {
    expect(applyMapping(answers, undefined)).toEqual({
      fields: { fullName: 'Ana Lima', email: 'ana@example.test' },
      customFields: { budget_range: '10k, 20k' },
    });
  });

  it("lets the tenant's form mapping win", () => {
    expect(applyMapping(answers, { full_name: 'contact.name', budget_range: 'deal.budget' })).toEqual({
      fields: { 'contact.name': 'Ana Lima', email: 'ana@example.test', 'deal.budget': '10k, 20k' },
      customFields: {},
    });
  });
});

describe('lead status feedback decision', () => {
  const mapping = { datasetId: '123456', crmName: 'CRM', stages: { qualified: 'Marketing Qualified Lead' } };
  it.each([
    [undefined, 'qualified', { send: false, reason: 'no_mapping_configured' }],
    [mapping, 'lost', { send: false, reason: 'status_not_mapped' }],
    [mapping, 'qualified', { send: true, eventName: 'Marketing Qualified Lead', reason: 'stage_mapped' }],
    // a status named like an Object.prototype member is not mapped by inheritance
    [mapping, 'constructor', { send: false, reason: 'status_not_mapped' }],
    [mapping, 'toString', { send: false, reason: 'status_not_mapped' }],
  ])('%#', (m, status, expected) => {
    expect(decideFeedback(m, status)).toEqual(expected);
  });
});

describe('lead status mapping setting', () => {
  it('refuses a CRM status named like a JavaScript object member, which DynamoDB could not store', () => {
    const parsed = LeadStatusMapping.safeParse({ datasetId: '9414508', stages: { constructor: 'Lead' } });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue).toMatchObject({ code: 'invalid_key', path: ['stages', 'constructor'] });
    expect(JSON.stringify(issue)).toContain('a reserved name');
  });
});
