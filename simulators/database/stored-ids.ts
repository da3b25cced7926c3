// The ids a database holds a record for, as one sorted Float64Array: eight bytes an id, nothing for
// the garbage collector to trace, no hash table regrown as a national year adds millions. Ids are
// handed out in send order and committed soon after, so an insert nearly always appends; a late one
// (a retry, a redelivery) moves the few ids committed since.

class StoredIds {
  private ids = new Float64Array(64);
  /** Ids held: ids[0, size), ascending. */
  size = 0;

  has(id: number): boolean {
    const i = this.lowerBound(id);
    return i < this.size && this.ids[i] === id;
  }

  /** Adds `id`; false when it was already held. */
  add(id: number): boolean {
    const i = this.lowerBound(id);
    if (i < this.size && this.ids[i] === id) return false;
    if (this.size === this.ids.length) {
      const grown = new Float64Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    // copyWithin is a call into the runtime even for nothing to move: appends skip it.
    if (i < this.size) this.ids.copyWithin(i + 1, i, this.size);
    this.ids[i] = id;
    this.size++;
    return true;
  }

  /** The first index whose id is not below `id` (size when there is none). */
  private lowerBound(id: number): number {
    const ids = this.ids;
    // An id above every held one — the usual insert — needs no search.
    if (this.size === 0 || (ids[this.size - 1] as number) < id) return this.size;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export { StoredIds };
