import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import net from 'node:net';
import path from 'node:path';

export interface RuntimeHandle {
  apiUrl: string;
  simUrl: string;
  appSecret: string;
  appId: string;
  token: string;
  /** the runtime's SQS endpoint (fauxqs) and each queue's DLQ, to count what was dead-lettered */
  sqsEndpoint: string;
  dlqUrls: Record<string, string>;
  stop(): Promise<void>;
}

export interface RuntimeProcessOptions {
  sharedSimulator?: boolean;
  /** runs retry schedules and Graph pauses on a faster clock (RuntimeConfig `retryTimeScale`) */
  timeScale?: number;
}

const ROOT = path.resolve(__dirname, '..');

/** `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of every process the bench starts (per thread). */
function spawnTsx(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const dir = process.env.BENCH_CPU_PROF;
  const profile = dir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(dir)] : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
  });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`process exited with ${code}`)));
  });
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Starts the runtime (`bench/runtime-process.ts`) and, unless `sharedSimulator`, the Meta simulator in a
 * process of its own, and waits until both are ready.
 */
export async function startRuntimeProcess(opts: RuntimeProcessOptions = {}): Promise<RuntimeHandle> {
  const scale = opts.timeScale !== undefined ? ['--time-scale', String(opts.timeScale)] : [];
  if (opts.sharedSimulator) {
    const child = spawnTsx('bench/runtime-process.ts', scale, {});
    const info = JSON.parse(await firstLine(child)) as Omit<RuntimeHandle, 'stop'>;
    return { ...info, stop: stopper(child) };
  }
  const [apiPort, simPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const sim = spawnTsx('local/meta-simulator/main.ts', [], {
    META_SIM_PORT: String(simPort),
    META_APP_ID: 'local-app-id',
    META_APP_SECRET: process.env.META_APP_SECRET ?? 'local-dev-app-secret',
    META_SIM_WEBHOOK_URL: `${apiUrl}/api/v1/meta/webhook`,
    META_SIM_DEAUTHORIZE_URL: `${apiUrl}/api/v1/meta/deauthorize`,
    META_SIM_DATA_DELETION_URL: `${apiUrl}/api/v1/meta/data-deletion`,
  });
  await firstLine(sim);
  const simUrl = `http://127.0.0.1:${simPort}`;
  const runtime = spawnTsx(
    'bench/runtime-process.ts',
    ['--port', String(apiPort), '--sim-url', simUrl, ...scale],
    {
      META_APP_ID: 'local-app-id',
      META_APP_SECRET: process.env.META_APP_SECRET ?? 'local-dev-app-secret',
    },
  );
  const info = JSON.parse(await firstLine(runtime)) as Omit<RuntimeHandle, 'stop'>;
  const stopRuntime = stopper(runtime);
  const stopSim = stopper(sim);
  return {
    ...info,
    stop: async () => {
      await stopRuntime();
      await stopSim();
    },
  };
}

/**
 * Calls `send(i, due)` for each i < total at `perSecond`, open loop (`due`: when call i was due, on the
 * `performance.now()` clock); each names what it sent: name → when its call began.
 */
export async function atRate(
  total: number,
  perSecond: number,
  send: (i: number, due: number) => Promise<string>,
): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const interval = 1000 / perSecond;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sends.push(
      (async () => {
        const t0 = performance.now();
        sentAt.set(await send(i, due), t0);
      })(),
    );
  }
  await Promise.all(sends);
  return sentAt;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export async function json(
  url: string,
  init?: { method?: string; body?: unknown; token?: string },
): Promise<any> {
  const res = await fetch(url, {
    method: init?.method ?? (init?.body !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init?.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init?.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? safe(text) : undefined };
}

function safe(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
