/**
 * The public events as contracts: one naming style, an example that keeps each contract, producers that
 * cannot publish what the contract does not say, and generated docs that match the code. (Every event the
 * e2e suite publishes is checked against its contract by test/support/local-runtime.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { domainEvent } from '../../../lambdas/core/events/domain-event';
import {
  checkEventContract,
  DOMAIN_EVENT_TYPES,
  exampleDetail,
  type EventPayload,
} from '../../../lambdas/core/events/event-contracts';
import {
  eventCatalogue,
  eventJsonSchema,
  eventSchemaFile,
} from '../../../lambdas/core/events/event-catalogue';

const DOCS = path.resolve(__dirname, '../../../docs');

it('every detail-type is <noun>.<state> with hyphens inside a part', () => {
  for (const t of DOMAIN_EVENT_TYPES) expect(t).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)*$/);
  expect(DOMAIN_EVENT_TYPES).toContain('campaign.status-changed');
  expect(DOMAIN_EVENT_TYPES).not.toContain('campaign.status_changed');
});

it.each(DOMAIN_EVENT_TYPES.map((t) => [t]))('the %s example keeps its contract', (type) => {
  expect(checkEventContract(type, exampleDetail(type))).toEqual({ valid: true, type });
});

describe('checkEventContract', () => {
  const lead = exampleDetail('lead.created');
  it('names what is wrong', () => {
    expect(checkEventContract('lead.made', lead)).toMatchObject({
      valid: false,
      reason: 'unknown_detail_type',
    });
    const { leadId: _gone, ...missing } = lead;
    expect(checkEventContract('lead.created', missing)).toMatchObject({
      valid: false,
      reason: 'breaks_contract',
      issues: [expect.stringContaining('leadId')],
    });
    expect(checkEventContract('lead.created', { ...lead, accessToken: 'EAAB…' })).toMatchObject({
      valid: false,
      reason: 'fields_not_in_contract',
    });
    expect(
      checkEventContract('lead.created', { ...lead, attribution: { ...(lead.attribution as object), x: 1 } }),
    ).toMatchObject({ valid: false, reason: 'fields_not_in_contract' });
  });
});

describe('domainEvent (the producers’ only way to build an event)', () => {
  const payload = {
    connectionId: 'con_1',
    reason: 'deauthorized',
  } satisfies EventPayload<'connection.revoked'>;
  it('adds the envelope fields and the version', () => {
    const e = domainEvent('connection.revoked', 'acme', 'evt_1', new Date('2026-11-20T09:00:00Z'), payload);
    expect(e).toEqual({
      type: 'connection.revoked',
      detail: {
        ...payload,
        tenantId: 'acme',
        eventId: 'evt_1',
        occurredAt: '2026-11-20T09:00:00.000Z',
        version: 1,
      },
    });
  });
  it('drops a field the contract does not name, and refuses a detail that breaks it', () => {
    const leaky = { ...payload, accessToken: 'EAAB-secret' } as EventPayload<'connection.revoked'>;
    const e = domainEvent('connection.revoked', 'acme', 'evt_1', new Date(), leaky);
    expect(JSON.stringify(e)).not.toContain('EAAB');
    const broken = { connectionId: 'con_1' } as EventPayload<'connection.revoked'>;
    expect(() => domainEvent('connection.revoked', 'acme', 'evt_1', new Date(), broken)).toThrow(/reason/);
  });
});

describe('generated documentation (npm run docs:events)', () => {
  it('docs/events.md is what the contracts generate', () => {
    expect(readFileSync(path.join(DOCS, 'events.md'), 'utf8')).toBe(eventCatalogue());
  });
  it('docs/events/ holds exactly one current JSON Schema per event', () => {
    const files = readdirSync(path.join(DOCS, 'events')).sort();
    expect(files).toEqual(DOMAIN_EVENT_TYPES.map((t) => path.basename(eventSchemaFile(t))).sort());
    for (const t of DOMAIN_EVENT_TYPES) {
      const committed = JSON.parse(readFileSync(path.join(DOCS, eventSchemaFile(t)), 'utf8'));
      expect(committed).toEqual(eventJsonSchema(t));
    }
  });
  it('the catalogue shows an example of each event', () => {
    const doc = eventCatalogue();
    for (const t of DOMAIN_EVENT_TYPES) {
      expect(doc).toContain(`## ${t}`);
      expect(doc).toContain(`"detail-type": "${t}"`);
    }
  });
});
