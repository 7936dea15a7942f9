/**
 * A tenant's export with fakes: requested (audited, a command for the worker), built from every item of
 * the tenant's partition with secrets and machinery left out and sealed text opened, downloaded through
 * a signed link.
 */
import { buildExport, getExport, requestExport } from '../../../lambdas/modules/privacy/core/export-data';
import { ExportRequested } from '../../../lambdas/modules/privacy/contracts';
import { privacyFakes } from './fakes';

it('a request records a pending export, audits it and asks the worker for it', async () => {
  const f = privacyFakes();
  const out = await requestExport(f.exportDeps, 't1', 'user:ana');
  expect(out).toEqual({ id: 'exp_1', status: 'pending', requestedAt: f.clock.now().toISOString() });
  expect(f.commands).toEqual([
    {
      detailType: ExportRequested.detailType,
      detail: { tenantId: 't1', exportId: 'exp_1', requestedBy: 'user:ana' },
    },
  ]);
  expect(f.audit).toEqual([expect.objectContaining({ action: 'export.requested', target: 'export:exp_1' })]);
  expect(await getExport(f.exportDeps, 't1', 'exp_1')).toMatchObject({
    status: 'pending',
    downloadUrl: null,
  });
});

it('the file holds every kind of data, readable, and none of the secrets or machinery', async () => {
  const f = privacyFakes();
  await requestExport(f.exportDeps, 't1', 'user:ana');
  f.exports.tenantData = [
    { pk: 'T#t1', sk: 'CON#1', entity: 'connection', id: 'con_1', userTokenCiphertext: 'kms-blob' },
    { pk: 'T#t1', sk: 'PTOK#1', entity: 'page-token', ciphertext: 'kms-blob' },
    {
      pk: 'T#t1',
      sk: 'MSG#1',
      entity: 'inbox-message',
      id: 'msg_1',
      kind: 'message',
      textCipher: 'sealed:hello',
    },
    { pk: 'T#t1', sk: 'MSG#2', entity: 'inbox-message', id: 'msg_2', textCipher: 'lost-key' },
    { pk: 'T#t1', sk: 'DK#1', entity: 'data-key', wrapped: 'kms-blob' },
    { pk: 'T#t1', sk: 'LEAD#1', entity: 'lead', id: 'lead_1', fields: { email: 'ana@example.com' } },
  ];
  expect(await buildExport(f.exportDeps, 't1', 'exp_1')).toEqual({ outcome: 'completed', items: 4 });
  const [file] = [...f.store.files.values()];
  const lines = file!.map((l) => JSON.parse(l));
  expect(lines).toEqual([
    { kind: 'connection', id: 'con_1' },
    { kind: 'inbox-message', id: 'msg_1', itemKind: 'message', text: 'hello' },
    { kind: 'inbox-message', id: 'msg_2', text: null, textUnreadable: 'key_unavailable' },
    { kind: 'lead', id: 'lead_1', fields: { email: 'ana@example.com' } },
  ]);
  expect(JSON.stringify(lines)).not.toContain('kms-blob');
  const done = await getExport(f.exportDeps, 't1', 'exp_1');
  expect(done).toMatchObject({ status: 'completed', items: 4, format: 'application/x-ndjson' });
  expect(done.downloadUrl).toMatch(/^https:\/\/download\.example\/.+\?signed$/);
  expect(f.audit.at(-1)).toMatchObject({ action: 'export.completed', actor: 'user:ana' });
});

it('an export is built once; an unknown one is reported, and another tenant’s is not found', async () => {
  const f = privacyFakes();
  await requestExport(f.exportDeps, 't1', 'user:ana');
  await buildExport(f.exportDeps, 't1', 'exp_1');
  expect(await buildExport(f.exportDeps, 't1', 'exp_1')).toEqual({ outcome: 'already_done' });
  expect(await buildExport(f.exportDeps, 't1', 'exp_9')).toEqual({ outcome: 'unknown_export' });
  await expect(getExport(f.exportDeps, 't2', 'exp_1')).rejects.toMatchObject({ kind: 'not_found' });
});
