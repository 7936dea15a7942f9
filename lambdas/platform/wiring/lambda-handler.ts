/**
 * The Lambda export of a handler module: builds the function's runtime (from its environment) and its
 * handler on the first invocation, and reuses both while the container lives. Importing a handler
 * module has no side effects, so the local runtime and tests load the same module and call
 * `createHandler` with their own runtime.
 */
export function lambdaHandler<R, E, C, Res>(
  runtime: () => R,
  create: (rt: R) => (event: E, context: C) => Promise<Res>,
) {
  let built: ((event: E, context: C) => Promise<Res>) | undefined;
  return (event: E, context: C): Promise<Res> => {
    built ??= create(runtime());
    return built(event, context);
  };
}

/**
 * A handler module's Lambda exports beside its `createHandler`: `awsRuntime`, what `handler` builds its
 * runtime with from the environment the stack sets (test/infra/function-environment.test.ts checks the
 * two agree), and `handler`, the Lambda export. Every handler module ends with this one line.
 */
export function lambdaExports<A extends () => unknown, E, C, Res>(
  awsRuntime: A,
  createHandler: (rt: ReturnType<A>) => (event: E, context: C) => Promise<Res>,
): { awsRuntime: A; handler: (event: E, context: C) => Promise<Res> } {
  return { awsRuntime, handler: lambdaHandler(() => awsRuntime() as ReturnType<A>, createHandler) };
}
