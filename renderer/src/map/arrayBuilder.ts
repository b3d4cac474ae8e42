type NumberArray = Float64Array | Uint32Array;

/**
 * A typed array that grows as values are pushed: a 200,000-parcel result pushes millions of
 * numbers, and plain arrays of them (then copied into typed arrays) cost more than the
 * triangulation.
 */
export class ArrayBuilder<A extends NumberArray> {
  length = 0;
  private data: A;

  constructor(
    private readonly make: (n: number) => A,
    capacity = 4096,
  ) {
    this.data = make(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }

  /** the values pushed, in an array of their own (transferable, no spare capacity) */
  finish(): A {
    return this.data.slice(0, this.length) as A;
  }

  private grow(): void {
    const next = this.make(this.data.length * 2);
    next.set(this.data as never);
    this.data = next;
  }
}

export const float64Builder = () => new ArrayBuilder((n) => new Float64Array(n));
export const uint32Builder = () => new ArrayBuilder((n) => new Uint32Array(n));
