// The portal's export for one receiver (the dashboard a municipality reconciles against): every
// message it holds a receipt for, in receipt order. It only grows — a national year appends ten
// million rows — so the rows are columns of one Float64Array, not an object each: no per-row header,
// no boxed times, nothing for the garbage collector to mark.

/** Numbers per row: msg, sentAtMs, receiptAtMs. */
const WIDTH = 3;

class ExportLog {
  private rows = new Float64Array(64 * WIDTH);
  /** Rows in the export. */
  length = 0;

  push(msg: number, sentAtMs: number, receiptAtMs: number): void {
    if ((this.length + 1) * WIDTH > this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const at = this.length++ * WIDTH;
    this.rows[at] = msg;
    this.rows[at + 1] = sentAtMs;
    this.rows[at + 2] = receiptAtMs;
  }

  msgAt(row: number): number {
    return this.rows[row * WIDTH] as number;
  }

  sentAtMsAt(row: number): number {
    return this.rows[row * WIDTH + 1] as number;
  }

  receiptAtMsAt(row: number): number {
    return this.rows[row * WIDTH + 2] as number;
  }
}

export { ExportLog };
