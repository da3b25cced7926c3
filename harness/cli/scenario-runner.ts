// The CLI's side of the worker thread: one worker for the whole command, jobs one at a time,
// progress read from shared memory, Ctrl-C turned into a stop request the simulation sees.

import { Worker } from 'node:worker_threads';
import { KvitteringError } from '../errors.js';
import { PROGRESS, STOP, type RunAnswer, type RunJob } from './run-job.js';

class ScenarioRunner {
  private readonly shared = new SharedArrayBuffer(8);
  private readonly flags = new Int32Array(this.shared);
  private readonly worker: Worker;
  /** Settles when the worker has loaded and listens for jobs. */
  readonly ready: Promise<void>;

  constructor() {
    // Under tsx (running from the repository) the worker must register the TypeScript loader itself:
    // loader hooks are per thread. From compiled JavaScript it imports the worker directly.
    const typescript = import.meta.url.endsWith('.ts');
    const entry = new URL(`./scenario-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
    const source = typescript
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`
      : `import(${JSON.stringify(entry)});`;
    this.worker = new Worker(source, { eval: true, workerData: this.shared });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (answer: RunAnswer) => {
        if (answer.kind !== 'ready') return;
        this.worker.off('message', onMessage);
        this.worker.off('error', reject);
        resolve();
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
  }

  /** Ask the running simulation to stop; it finishes its current slice and reports incomplete. */
  stop(): void {
    Atomics.store(this.flags, STOP, 1);
  }

  get stopped(): boolean {
    return Atomics.load(this.flags, STOP) === 1;
  }

  /** Fraction of the current job's horizon simulated so far. */
  progress(): number {
    return Atomics.load(this.flags, PROGRESS) / 1000;
  }

  async run<K extends RunJob['kind']>(job: RunJob & { kind: K }): Promise<Extract<RunAnswer, { kind: K }>> {
    await this.ready;
    Atomics.store(this.flags, PROGRESS, 0);
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
      };
      const onMessage = (answer: RunAnswer) => {
        if (answer.kind === 'ready') return;
        cleanup();
        if (answer.kind === 'error') {
          reject(answer.code !== undefined && answer.detail !== undefined
            ? new KvitteringError(answer.code, answer.detail, answer.hint)
            : Object.assign(new Error(answer.message), { stack: answer.stack }));
        } else {
          resolve(answer as Extract<RunAnswer, { kind: K }>);
        }
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export { ScenarioRunner };
