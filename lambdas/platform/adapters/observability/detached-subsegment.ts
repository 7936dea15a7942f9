import type { Tracer } from '@aws-lambda-powertools/tracer';

/** What is used of the Powertools tracer. */
export type TraceContext = Pick<Tracer, 'isTracingEnabled' | 'getSegment'>;

type Segment = NonNullable<ReturnType<TraceContext['getSegment']>>;
export type Subsegment = ReturnType<Segment['addNewSubsegment']>;

/**
 * A subsegment of the invocation for one outbound call, added to the current segment without becoming
 * current itself, so calls that run side by side (`Promise.all`) never nest inside each other; none when
 * tracing is off or there is no segment.
 */
export function detachedSubsegment(
  tracer: TraceContext,
  name: string,
  namespace: 'aws' | 'remote',
): Subsegment | undefined {
  if (!tracer.isTracingEnabled()) return undefined;
  const sub = tracer.getSegment()?.addNewSubsegment(name);
  sub?.addAttribute('namespace', namespace);
  return sub;
}
