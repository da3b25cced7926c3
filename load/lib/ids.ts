// Message ids as the portal puts them on the wire (simulators/portal/http/wire.ts): a v4-shaped UUID
// whose first group spells "kvit" and whose last 12 hex digits hold the numeric id. Kept free of
// imports so both k6 (which runs these scripts itself) and the tests can load it.

function kvitteringUuid(msg: number): string {
  return `6b766974-0000-4000-8000-${msg.toString(16).padStart(12, '0')}`;
}

export { kvitteringUuid };
