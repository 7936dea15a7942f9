/**
 * The simulator's notion of now. Tests can move it forward (`POST /_sim/clock`) to make codes and tokens
 * expire without waiting; the real clock keeps running underneath.
 */
export class SimClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds, the unit of every Graph timestamp */
  nowS(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
