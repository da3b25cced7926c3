// Every error kvittering raises on bad input: a prefix, a code, what was wrong, and a hint. Values
// echoed back (a connection string, a header) are redacted here, so no message can leak a secret.

import { redactText } from './redact.js';

class KvitteringError extends Error {
  readonly detail: string;
  readonly hint?: string;

  constructor(
    readonly code: string,
    detail: string,
    hint?: string,
  ) {
    const safeDetail = redactText(detail);
    const safeHint = hint === undefined ? undefined : redactText(hint);
    super(`[kvittering] ${code}: ${safeDetail}${safeHint === undefined ? '' : `\nHint: ${safeHint}`}`);
    this.name = 'KvitteringError';
    this.detail = safeDetail;
    if (safeHint !== undefined) this.hint = safeHint;
  }
}

/** Edit distance, for "did you mean" hints. */
function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** `did you mean "x"?` when a close match exists, else undefined. */
function didYouMean(value: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    const d = levenshtein(value.toLowerCase(), option.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = option;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? `did you mean "${best}"?` : undefined;
}

/** An unknown thrown value as one line of text. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export { KvitteringError, didYouMean, messageOf };
