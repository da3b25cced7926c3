// The few ids a case system has in hand at once (messages being stored, downloads not yet answered)
// and what each maps to: two dense arrays, scanned, with swap-removal. A Map would grow and shrink
// its hash table — a new one each time — as every message comes and goes; slots here are reused.

class IdTable<V> {
  private readonly ids: number[] = [];
  private readonly values: (V | undefined)[] = [];
  /** Ids in the table: slots [0, size). */
  size = 0;

  get(id: number): V | undefined {
    const i = this.indexOf(id);
    return i < 0 ? undefined : this.values[i];
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  /** Add an id that is not in the table. */
  add(id: number, value: V): void {
    if (this.size === this.ids.length) {
      this.ids.push(id);
      this.values.push(value);
    } else {
      this.ids[this.size] = id;
      this.values[this.size] = value;
    }
    this.size++;
  }

  delete(id: number): void {
    const i = this.indexOf(id);
    if (i < 0) return;
    const last = --this.size;
    this.ids[i] = this.ids[last] as number;
    this.values[i] = this.values[last];
    this.values[last] = undefined;
  }

  clear(): void {
    this.values.fill(undefined, 0, this.size);
    this.size = 0;
  }

  private indexOf(id: number): number {
    for (let i = 0; i < this.size; i++) if (this.ids[i] === id) return i;
    return -1;
  }
}

export { IdTable };
