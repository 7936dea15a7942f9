/** Wraps an AWS SDK client so its calls become X-Ray subsegments (platform/wiring/telemetry.ts `traced`). */
export type Traced = <C>(client: C) => C;

export const untraced: Traced = (client) => client;
