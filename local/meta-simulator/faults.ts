/**
 * Injected Graph failures. A fault matches a Graph call by path (RegExp source over the path without
 * version prefix) and method, a number of `times` or a `rate`, and either replaces the answer with Meta's
 * error envelope (`fail`) or lets the call take effect and then never answers (`timeout-after-success`),
 * the case where the service must read back before retrying a write.
 */
import * as z from 'zod';
import { defaultHttpStatus, defaultMessage, GraphError, isTransientCode } from './graph-errors';

export const FaultSpecSchema = z
  .object({
    pathPattern: z.string().min(1),
    method: z
      .string()
      .transform((m) => m.toUpperCase())
      .pipe(z.enum(['GET', 'POST', 'DELETE']))
      .optional(),
    status: z.number().int().min(100).max(599).optional(),
    code: z.number().int().optional(),
    subcode: z.number().int().optional(),
    type: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
    userTitle: z.string().optional(),
    userMsg: z.string().optional(),
    isTransient: z.boolean().optional(),
    times: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    effect: z.enum(['fail', 'timeout-after-success']).default('fail'),
  })
  .superRefine((f, ctx) => {
    try {
      new RegExp(f.pathPattern);
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        path: ['pathPattern'],
        message: `not a valid RegExp: ${(err as Error).message}`,
      });
    }
    if (f.effect === 'fail' && f.code === undefined) {
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a failing fault needs the Graph error code' });
    }
  });

export type FaultSpec = z.output<typeof FaultSpecSchema>;

export interface Fault {
  id: string;
  spec: FaultSpec;
  regex: RegExp;
  /** how many more times it fires; null = unlimited */
  remaining: number | null;
  fired: number;
}

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      id: `fault_${this.nextId++}`,
      spec,
      regex: new RegExp(spec.pathPattern),
      remaining: spec.times ?? null,
      fired: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Array<{ id: string; remaining: number | null; fired: number } & FaultSpec> {
    return this.faults.map((f) => ({ id: f.id, remaining: f.remaining, fired: f.fired, ...f.spec }));
  }

  /** the first fault that fires for this call, consuming one of its `times` */
  take(method: string, path: string, random: () => number): Fault | null {
    for (const f of this.faults) {
      if (f.spec.method && f.spec.method !== method) continue;
      if (!f.regex.test(path)) continue;
      if (f.remaining !== null && f.remaining <= 0) continue;
      if (f.spec.rate !== undefined && random() >= f.spec.rate) continue;
      if (f.remaining !== null) f.remaining--;
      f.fired++;
      if (f.remaining === 0) this.faults = this.faults.filter((x) => x !== f);
      return f;
    }
    return null;
  }
}

export function faultError(spec: FaultSpec): GraphError {
  const code = spec.code ?? 1;
  return new GraphError({
    code,
    message: spec.message ?? defaultMessage(code),
    status: spec.status ?? defaultHttpStatus(code),
    isTransient: spec.isTransient ?? isTransientCode(code),
    ...(spec.subcode !== undefined ? { subcode: spec.subcode } : {}),
    ...(spec.type !== undefined ? { type: spec.type } : {}),
    ...(spec.userTitle !== undefined ? { userTitle: spec.userTitle } : {}),
    ...(spec.userMsg !== undefined ? { userMsg: spec.userMsg } : {}),
  });
}
