/**
 * `npm run ops -- <command>`: the operator's tools after an incident (docs/operations.md). Against a
 * deployed stack with `--stack NAME [--region R]` (default AWS credentials), otherwise against the running
 * local runtime (`npm start`).
 *
 *   npm run ops -- dlqs                                   messages waiting in each dead-letter queue
 *   npm run ops -- redrive lead-fetch [--no-wait]         DLQ → its queue (SQS StartMessageMoveTask)
 *   npm run ops -- replay --from -2h [--to now] [--name N] [--no-wait]
 *                                                         bus archive → the connector's rules (StartReplay)
 *   npm run ops -- rotate-state-key [--grace 30m]
 *   npm run ops -- rotate-app-secret [--grace 24h] < new-app-secret.txt
 *                                                         the Meta secret, keeping the old value accepted
 */
import { DEFAULT_DATA_DIR } from '../local/paths';
import { readRuntimeFile } from '../local/runtime-file';
import { flag, parseArgs } from '../local/cli/args';
import { deadLetterCounts, redrive } from './ops/redrive';
import { parseTime, replay } from './ops/replay';
import { rotate, type Rotation } from './ops/rotate';
import { awsTarget, localTarget, type OpsTarget } from './ops/target';

// Cosmetic: the SDK warns on every run that its 2027 releases will need Node 22 (as in local/start.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage:
  npm run ops -- dlqs [--stack NAME] [--region R]
  npm run ops -- redrive <queue> [--no-wait] [--stack NAME] [--region R]
  npm run ops -- replay --from <time> [--to <time>] [--name NAME] [--no-wait] [--stack NAME] [--region R]
  npm run ops -- rotate-state-key [--stack NAME [--region R]] [--grace 30m]
  npm run ops -- rotate-app-secret [--stack NAME [--region R]] [--grace 24h] < new-app-secret.txt
times: ISO-8601 (2026-11-02T10:00:00Z), now, or -90m / -2h / -1d; grace: 15m, 24h, 2d`;

function target(flags: Record<string, string | true>): OpsTarget {
  const stack = flag(flags, 'stack');
  if (stack) return awsTarget(stack, flag(flags, 'region'));
  const running = readRuntimeFile(DEFAULT_DATA_DIR);
  if (!running?.sqsEndpoint || !running.replay || !running.secretsManager)
    throw new Error(
      'no --stack given and no local runtime running: start one with `npm start`, or pass --stack',
    );
  return localTarget({
    sqsEndpoint: running.sqsEndpoint,
    busUrl: running.busUrl,
    replay: running.replay,
    secretsManager: running.secretsManager,
  });
}

/** `15m`, `24h`, `2d` → milliseconds. */
function duration(value: string): number {
  const m = /^(\d+)([mhd])$/.exec(value);
  if (!m) throw new Error(`--grace "${value}" is not a duration: use 15m, 24h or 2d`);
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

/** The new app secret, piped in (never a command-line argument, which shell history would keep). */
async function stdinLine(): Promise<string> {
  if (process.stdin.isTTY)
    console.error('Paste the new app secret from the Meta app dashboard, then press Enter:');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && Buffer.concat(chunks).includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function main(): Promise<number> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const [command, arg] = positional;
  if (!command || flags.help) {
    console.error(USAGE);
    return 2;
  }
  const wait = flags['no-wait'] !== true;
  const t = target(flags);
  try {
    if (command === 'dlqs') {
      for (const { queue, messages } of await deadLetterCounts(t))
        console.log(`${queue.padEnd(12)} ${messages}`);
      return 0;
    }
    if (command === 'redrive') {
      if (!arg) throw new Error('which queue? e.g. npm run ops -- redrive lead-fetch');
      console.log(`redriving the ${arg} DLQ in ${t.label}…`);
      const out = await redrive(t, arg, { wait });
      console.log(`${out.status}: ${out.moved} of ${out.toMove} message(s) moved back to ${arg}`);
      if (out.failureReason) console.log(out.failureReason);
      return out.status === 'FAILED' ? 1 : 0;
    }
    if (command === 'replay') {
      const from = flag(flags, 'from');
      if (!from) throw new Error('--from is required (e.g. --from -2h)');
      const name = flag(flags, 'name');
      const out = await replay(t, {
        from: parseTime(from),
        to: parseTime(flag(flags, 'to') ?? 'now'),
        ...(name ? { name } : {}),
        wait,
      });
      console.log(`replay ${out.name} in ${t.label}: ${out.state}${out.reason ? ` (${out.reason})` : ''}`);
      return out.state === 'FAILED' ? 1 : 0;
    }
    if (command === 'rotate-state-key' || command === 'rotate-app-secret') {
      const rotation: Rotation =
        command === 'rotate-state-key'
          ? { kind: 'state-key' }
          : { kind: 'app-secret', appSecret: await stdinLine() };
      const grace = duration(flag(flags, 'grace') ?? (command === 'rotate-state-key' ? '30m' : '24h'));
      const { client, secretId } = await t.metaSecret();
      const { previousUntil } = await rotate(client, secretId, rotation, grace);
      console.log(`rotated in ${t.label}; the replaced value stays accepted until ${previousUntil}`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    t.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
