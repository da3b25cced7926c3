// The package as a vendor gets it: build the compiled dist once into a staging copy of what
// package.json's `files` lists, `npm pack` it, install the tarball into an empty project with an npm
// cache of its own (empty, so a machine's leftover metadata cannot hide a version the registry does not
// serve), and use it there — `npx kvittering` (list, run, replay) with no tsx
// installed, the typed API from an ESM script, and the declarations from a strict TypeScript consumer.

import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; files: string[] };
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// The children are npm and the CLI as a user runs them: no colour, no progress bars.
const env = { ...process.env, CI: 'true', NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };

let work: string;
let project: string;

async function sh(cmd: string, args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

const npx = (args: readonly string[]) => sh('npx', ['--no-install', 'kvittering', ...args], project);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kvittering-pack-'));
  // Stage exactly what `files` ships (dist built fresh here), so a runtime file missing from `files` fails below.
  const stage = join(work, 'stage');
  mkdirSync(stage);
  for (const entry of manifest.files.filter((f) => !f.startsWith('dist'))) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  cpSync(join(root, 'package.json'), join(stage, 'package.json'));
  await sh(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(stage, 'dist')], root);
  // prepack would build again in place; the staging copy is already built.
  await sh('npm', ['pack', '--ignore-scripts', '--pack-destination', work], stage);
  const tarball = join(work, `kvittering-${manifest.version}.tgz`);
  project = join(work, 'vendor');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vendor-project', private: true, type: 'module' }));
  // A cache of its own, empty: npm resolves every range against the registry as on a new machine
  // (a local tarball is installed from its ranges, not from its shrinkwrap), so a range that picks a
  // version the registry does not serve fails here instead of passing on leftover metadata.
  await sh('npm', ['install', '--cache', join(work, 'npm-cache'), '--ignore-scripts', '--no-audit', '--no-fund', tarball], project);
}, 600_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('the packed tarball, installed in an empty project', () => {
  it('ships the compiled CLI, its runtime files and declarations — and no TypeScript sources or tsx', () => {
    const installed = join(project, 'node_modules', 'kvittering');
    for (const file of ['bin/kvittering.js', 'npm-shrinkwrap.json', 'dist/harness/index.js', 'dist/harness/index.d.ts', 'dist/harness/cli/main.js',
      'scenarios/kvittering-scenario.schema.json', 'scenarios/npb-2023-before-fix.yaml', 'openapi/portal.yaml']) {
      expect(existsSync(join(installed, file)), file).toBe(true);
    }
    expect(existsSync(join(installed, 'harness'))).toBe(false);
    expect(existsSync(join(installed, 'test'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
  });

  it('npx kvittering --version and list: the shipped scenario library without a ./scenarios of its own', async () => {
    expect((await npx(['--version'])).stdout).toBe(`kvittering ${manifest.version}\n`);
    const { stdout } = await npx(['list']);
    const shipped = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(shipped.length).toBeGreaterThan(5);
    for (const id of shipped) expect(stdout).toMatch(new RegExp(`^${id} +(pass|fail|unknown) .*node_modules/kvittering/scenarios/${id}\\.yaml$`, 'm'));
  });

  it('npx kvittering run writes the JUnit and HTML reports, and replay reproduces the JSON byte for byte', async () => {
    const library = 'node_modules/kvittering/scenarios';
    const { stdout } = await npx(['run', `${library}/npb-2023-before-fix.yaml`, `${library}/npb-2023-after-fix.yaml`, '--out', 'out']);
    expect(stdout).toMatch(/npb-2023-before-fix +fail +fail +yes/);
    expect(stdout).toMatch(/npb-2023-after-fix +pass +pass +yes/);
    // Both verdicts as expected: the suite file CI publishes has two suites and no failure.
    const junit = readFileSync(join(project, 'out', 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(2);
    expect(junit).not.toMatch(/<failure/);
    expect(readFileSync(join(project, 'out', 'npb-2023-before-fix.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const replay = await npx(['replay', 'out/npb-2023-before-fix.json']);
    expect(replay.stdout).toMatch(/^reproduced byte for byte: out\/npb-2023-before-fix\.json \(npb-2023-before-fix, seed 2023, verdict fail\)/);
  });

  it('npx kvittering serve portal: live mode from the compiled dist, stopped cleanly by SIGTERM', async () => {
    const child = spawn(join(project, 'node_modules', '.bin', 'kvittering'), ['serve', 'portal', '--receiver', 'id=oslo,style=poll,username=oslo,password=test-only', '--port', '0'],
      { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const listening = await new Promise<{ url: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const line = stdout.split('\n').find((l) => l.includes('"listening"'));
        if (line !== undefined) resolve(JSON.parse(line) as { url: string });
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stdout}`)));
    });
    const submitted = await fetch(`${listening.url}/bekymringsmelding`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kommune: 'oslo', type: 'offentlig' }) });
    expect(submitted.status).toBe(202);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/"event":"stopped".*"submitted":1/);
  });

  it('imports the API from an ESM script: scenario loader, runner, renderers, arbitraries, msw portal', async () => {
    writeFileSync(join(project, 'use-api.mjs'), `
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { setupServer } from 'msw/node';
import { parseScenario, runScenario, buildRunReport, renderers, workloadArbitrary, createPortalWorld, DAY_MS } from 'kvittering';

const text = readFileSync('node_modules/kvittering/scenarios/npb-2023-after-fix.yaml', 'utf8');
const loaded = parseScenario(text, 'npb-2023-after-fix.yaml');
const run = runScenario(loaded);
const s = loaded.scenario;
const report = buildRunReport({ id: s.id, title: s.title, narrative: s.narrative, expected: s.expected, file: 'npb-2023-after-fix.yaml' }, run.result,
  { toolVersion: 'kvittering', scenarioHash: loaded.hash, seed: run.seed, command: 'use-api.mjs' });
const junit = renderers.junit(report, { lang: 'en' });

const [workload] = fc.sample(workloadArbitrary({ receivers: ['bergen'], maxMessages: 3 }), { seed: 1, numRuns: 1 });

const world = createPortalWorld({ seed: 1, baseUrl: 'http://portal.test', receivers: [{ receiver: 'bergen', username: 'u', password: 'p', style: 'poll' }] });
const server = setupServer(...world.handlers);
server.listen({ onUnhandledRequest: 'error' });
const id = world.submit('bergen');
const listed = await (await fetch('http://portal.test/mottaker/hentNyeForsendelser', { headers: { authorization: 'Basic ' + Buffer.from('u:p').toString('base64') } })).json();
server.close();
world.advanceTo(world.settledAtMs());
const judged = world.judge({ bergen: [] });

console.log(JSON.stringify({ actual: run.actual, asExpected: run.asExpected, junitHasCase: junit.includes('<testcase'), messages: workload.messages.length,
  listed: listed.map((f) => f.id).join() === id, unstored: judged.verdict.counts['lost-silent'] + judged.verdict.counts.fallback, day: DAY_MS }));
`);
    const { stdout } = await sh(process.execPath, ['use-api.mjs'], project);
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ actual: 'pass', asExpected: true, junitHasCase: true, listed: true, unstored: 1, day: 86_400_000 });
    expect(out.messages).toBeGreaterThanOrEqual(1);
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations', async () => {
    writeFileSync(join(project, 'consumer.ts'), `
import { resolveSimulation, simulate, type Verdict, type FaultSpec } from 'kvittering';
const faults: FaultSpec[] = [{ kind: 'db-outage', fromMs: 0, toMs: 3_600_000 }];
const verdict: Verdict = simulate(resolveSimulation({ seed: 1, receivers: [{ id: 'oslo' }], workload: { ratePerDay: 10, durationMs: 86_400_000 }, faults })).judgement.verdict;
const valid: true | false | 'unknown' = verdict.valid;
export { valid };
`);
    writeFileSync(join(project, 'bad-consumer.ts'), `
import { resolveSimulation } from 'kvittering';
resolveSimulation({ seed: 'one' });
`);
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck'];
    // One compiler run for both: the good consumer compiles clean, and the declarations are real
    // types, not any — the bad one's wrong field type is an error (and the only one).
    const failure = await sh(process.execPath, [tsc, ...flags, 'consumer.ts', 'bad-consumer.ts'], project).then(() => '', (error: Error) => error.message);
    const errors = failure.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^bad-consumer\.ts\(3,\d+\): error TS2322: .*'string'.*'number'/);
  });
});
