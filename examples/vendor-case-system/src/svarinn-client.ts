// The vendor's SvarInn client: list new shipments, download one, receipt it. Plain fetch with Basic
// auth and a timeout on every call, so a slow portal cannot hang the intake.

interface Shipment {
  id: string;
  downloadUrl: string;
  filmetadata: { sha256hash: string; size: number }[];
}

interface SvarInnAccount {
  baseUrl: string;
  username: string;
  password: string;
}

class SvarInnClient {
  private readonly auth: string;

  constructor(private readonly account: SvarInnAccount, private readonly timeoutMs = 5_000) {
    this.auth = `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;
  }

  async listNew(): Promise<Shipment[]> {
    return await this.json('GET', '/mottaker/hentNyeForsendelser') as Shipment[];
  }

  async download(shipment: Shipment): Promise<Buffer> {
    const res = await fetch(shipment.downloadUrl, { headers: { authorization: this.auth }, signal: AbortSignal.timeout(this.timeoutMs) });
    if (res.status !== 200) throw new Error(`download ${shipment.id}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async received(id: string): Promise<void> {
    await this.json('POST', `/kvitterMottak/forsendelse/${id}`);
  }

  /** permanent=true asks the portal to print the report now rather than offer it again. */
  async failed(id: string, message: string, permanent: boolean): Promise<void> {
    await this.json('POST', `/mottakFeilet/forsendelse/${id}`, { feilmelding: message, permanent });
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.account.baseUrl}${path}`, {
      method,
      headers: { authorization: this.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text) as unknown;
  }
}

export { SvarInnClient };
export type { Shipment, SvarInnAccount };
