/**
 * Captures everything a run writes (process.stdout/stderr, where Powertools writes, and console.*, which
 * Jest routes through its own console) for the whole test file, without printing it: log-safety tests
 * read the capture and the CI log stays readable.
 */
export function captureOutput(): { text(): string } {
  const captured: string[] = [];
  const original = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  let spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    const tap = ((chunk: unknown) => {
      captured.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = tap;
    process.stderr.write = tap;
    spies = methods.map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        captured.push(args.map(String).join(' '));
      }),
    );
  });
  afterAll(() => {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    for (const s of spies) s.mockRestore();
  });
  return { text: () => captured.join('\n') };
}
