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
