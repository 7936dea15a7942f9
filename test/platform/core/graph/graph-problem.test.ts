import { MetaGraphError } from '../../../../lambdas/platform/core/graph/graph-error';
import { GraphPausedError } from '../../../../lambdas/platform/core/graph/graph-outage';
import { problemFromGraph } from '../../../../lambdas/platform/core/graph/graph-problem';

describe('problemFromGraph', () => {
  it('reports a refused token first, then answers that the person must connect again', async () => {
    const reported: string[] = [];
    const problem = await problemFromGraph(
      new MetaGraphError(400, { message: 'Session expired', code: 190, errorSubcode: 463 }),
      async (reason) => reported.push(reason),
    );
    expect(reported).toEqual(['token_expired']);
    expect(problem).toMatchObject({ kind: 'conflict', reason: 'connection_expired_token_expired' });
  });

  it.each([
    [new MetaGraphError(400, { message: 'Application request limit reached', code: 4 }), 'rate_limited'],
    [new MetaGraphError(403, { message: 'Permissions error', code: 200 }), 'conflict'],
    [new MetaGraphError(500, { message: 'An unknown error occurred', code: 1 }), 'upstream'],
  ])('answers %s as %s without touching the connection', async (err, kind) => {
    let reported = false;
    const problem = await problemFromGraph(err, async () => (reported = true));
    expect(problem).toMatchObject({ kind });
    expect(reported).toBe(false);
  });

  it('says a call the app-wide pause held never reached Meta, instead of naming a Meta code', async () => {
    const paused = new GraphPausedError(
      { untilMs: 5_000, sinceMs: 0, level: 0, reason: 'app_rate_limited', cause: 'rate_limited_code_4' },
      5_000,
    );
    const problem = await problemFromGraph(paused, async () => undefined);
    expect(problem).toMatchObject({ kind: 'upstream', reason: 'graph_paused' });
    expect(problem.message).toMatch(/paused/);
  });
});
