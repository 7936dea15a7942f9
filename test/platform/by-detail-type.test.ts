/**
 * byDetailType: a worker's message goes to the handler of its detail-type with the detail parsed by that
 * kind's schema; any other detail-type goes to the queue's main handler; a detail its schema refuses
 * fails the message without running the handler.
 */
import type { Context, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { byDetailType, onDetail } from '../../lambdas/platform/handlers/by-detail-type';

const Export = { detailType: 'export.requested', schema: z.object({ exportId: z.string().min(1) }) };
const record = {} as SQSRecord;
const context = { getRemainingTimeInMillis: () => 1000 } as Context;
const envelope = (type: string, detail: unknown) => ({ 'detail-type': type, source: 'test', detail });

function worker() {
  const exports: Array<{ exportId: string; context?: Context }> = [];
  const others: string[] = [];
  const handle = byDetailType(
    [
      onDetail(Export, async (cmd, ctx) => {
        exports.push({ exportId: cmd.exportId, context: ctx });
      }),
    ],
    async (e) => {
      others.push(e['detail-type']);
    },
  );
  return { handle, exports, others };
}

it("hands a listed kind's parsed detail, and the invocation's context, to that kind's handler", async () => {
  const w = worker();
  await w.handle(envelope('export.requested', { exportId: 'x1', extra: 'dropped' }), record, context);
  expect(w.exports).toEqual([{ exportId: 'x1', context }]);
  expect(w.others).toEqual([]);
});

it('sends any other detail-type to the main handler', async () => {
  const w = worker();
  await w.handle(envelope('purge.requested', { anything: true }), record, context);
  expect(w.others).toEqual(['purge.requested']);
  expect(w.exports).toEqual([]);
});

it("fails a message its kind's schema refuses, and runs nothing", async () => {
  const w = worker();
  await expect(w.handle(envelope('export.requested', { exportId: '' }), record, context)).rejects.toThrow(
    z.ZodError,
  );
  expect(w.exports).toEqual([]);
  expect(w.others).toEqual([]);
});
