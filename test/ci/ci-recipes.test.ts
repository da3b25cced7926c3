// The CI recipes in docs/ci are copied into other people's repositories, where a typo shows up only
// on their first pull request. This parses each one and checks what has to line up.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

type Yaml = Record<string, unknown>;
const read = (name: string) => readFileSync(new URL(`../../docs/ci/${name}`, import.meta.url), 'utf8');
const recipe = (name: string) => parse(read(name)) as Yaml;
const at = (value: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);
const runs = (steps: Yaml[]) => steps.map((s) => (typeof s.run === 'string' ? s.run : typeof s.script === 'string' ? s.script : '')).join('\n');

/** Fractions like 0, 1/4, 3/4, 1 as numbers. */
const fraction = (text: string) => {
  const [n, d] = text.split('/').map(Number);
  return d === undefined ? (n as number) : (n as number) / d;
};

/** k6 execution segments "a:b" tile [0, 1] without gaps or overlaps, and match the sequence given. */
function expectSegmentsTile(segments: string[], sequence: string) {
  const bounds = segments.map((s) => s.split(':').map(fraction) as [number, number]).sort((a, b) => a[0] - b[0]);
  expect(bounds[0]?.[0]).toBe(0);
  expect(bounds.at(-1)?.[1]).toBe(1);
  for (let i = 1; i < bounds.length; i++) expect(bounds[i]?.[0]).toBe(bounds[i - 1]?.[1]);
  expect(sequence.split(',').map(fraction)).toEqual([0, ...bounds.map((b) => b[1])]);
}

describe('docs/ci/github-actions.yml', () => {
  const wf = recipe('github-actions.yml');
  const jobs = wf.jobs as Record<string, { steps: Yaml[]; strategy?: { matrix: Record<string, unknown[]> } }>;

  it('runs the scenario suite on pull requests, publishes out/junit.xml and keeps out/ even when it fails', () => {
    expect(Object.keys(wf.on as Yaml)).toContain('pull_request');
    const steps = jobs.scenarios?.steps ?? [];
    expect(runs(steps)).toMatch(/npx kvittering run scenarios --out out/);
    const junit = steps.find((s) => String(s.uses).startsWith('mikepenz/action-junit-report'));
    expect(at(junit, 'with', 'report_paths')).toBe('out/junit.xml');
    const upload = steps.find((s) => String(s.uses).startsWith('actions/upload-artifact'));
    expect(at(upload, 'with', 'path')).toBe('out/');
    for (const step of [junit, upload]) expect(step?.if).toBe('${{ !cancelled() }}');
  });

  it('shards the property suite as 1..N/N', () => {
    const shards = jobs.properties?.strategy?.matrix.shard as number[];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(runs(jobs.properties?.steps ?? [])).toContain(`npx vitest run test/property --shard=\${{ matrix.shard }}/${shards.length}`);
  });

  it('runs mutation testing nightly over the folders stryker.config.mjs mutates (simulators and reports file by file), keeping the incremental cache', () => {
    const job = jobs.mutation as { if?: string; steps: Yaml[]; strategy?: { matrix: Record<string, unknown[]> } };
    expect(job.if).toContain('schedule');
    const config = readFileSync(new URL('../../stryker.config.mjs', import.meta.url), 'utf8');
    const mutate = [.../'([^']+)'/g[Symbol.matchAll](/mutate: \[([^\]]*)\]/.exec(config)?.[1] ?? '')].map((m) => m[1]);
    expect(mutate.length).toBeGreaterThan(0);
    expect((job.strategy?.matrix.folder as string[]).map((f) => `${f}/**/*.ts`)).toEqual(mutate);
    expect(runs(job.steps)).toContain("*) npm run test:mutation -- --mutate '${{ matrix.folder }}/**/*.ts' ;;");
    // simulators/ and reports/ file by file, each against its own tests (the full set is hours per file).
    expect(runs(job.steps)).toContain("simulators|reports)");
    expect(runs(job.steps)).toContain("for file in $(git ls-files '${{ matrix.folder }}/*.ts'); do");
    expect(runs(job.steps)).toContain('npm run test:mutation:fast -- --mutate "$file"');
    expect(at(job.steps.find((s) => String(s.uses).startsWith('actions/cache')), 'with', 'path')).toBe('.stryker-cache');
  });

  it('splits the k6 load into execution segments that tile the rate', () => {
    const segments = jobs.load?.strategy?.matrix.segment as string[];
    const sequence = /--execution-segment-sequence=(\S+)/.exec(runs(jobs.load?.steps ?? []))?.[1] ?? '';
    expectSegmentsTile(segments, sequence);
  });
});

describe('docs/ci/gitlab-ci.yml', () => {
  const ci = recipe('gitlab-ci.yml');

  it('runs on merge requests, reports out/junit.xml and keeps out/ always', () => {
    expect(JSON.stringify(at(ci, 'workflow', 'rules'))).toContain('merge_request_event');
    expect(at(ci, 'scenarios', 'script')).toEqual(['npx kvittering run scenarios --out out']);
    expect(at(ci, 'scenarios', 'artifacts', 'reports', 'junit')).toBe('out/junit.xml');
    expect(at(ci, 'scenarios', 'artifacts', 'paths')).toEqual(['out/']);
    expect(at(ci, 'scenarios', 'artifacts', 'when')).toBe('always');
  });

  it('shards the property suite with parallel and CI_NODE_INDEX/CI_NODE_TOTAL', () => {
    expect(at(ci, 'properties', 'parallel')).toBeGreaterThan(1);
    expect(String(at(ci, 'properties', 'script', 0))).toContain('--shard=$CI_NODE_INDEX/$CI_NODE_TOTAL');
  });

  it('splits the k6 load into execution segments that tile the rate', () => {
    const segments = at(ci, 'load', 'parallel', 'matrix', 0, 'SEGMENT') as string[];
    expectSegmentsTile(segments, /--execution-segment-sequence=(\S+)/.exec(String(at(ci, 'load', 'script', 0)))?.[1] ?? '');
  });
});

describe('docs/ci/azure-pipelines.yml', () => {
  const pipeline = recipe('azure-pipelines.yml');
  const job = (name: string) => (pipeline.jobs as { job: string; steps: Yaml[]; strategy?: Yaml }[]).find((j) => j.job === name);

  it('runs on pull requests, publishes out/junit.xml and the out/ artifact whether or not it failed', () => {
    expect(pipeline.pr).toBeDefined();
    const steps = job('scenarios')?.steps ?? [];
    expect(runs(steps)).toMatch(/npx kvittering run scenarios --out out/);
    const results = steps.find((s) => s.task === 'PublishTestResults@2');
    expect(at(results, 'inputs', 'testResultsFiles')).toBe('out/junit.xml');
    const artifact = steps.find((s) => s.task === 'PublishPipelineArtifact@1');
    expect(at(artifact, 'inputs', 'targetPath')).toBe('out');
    for (const step of [results, artifact]) expect(step?.condition).toBe('succeededOrFailed()');
  });

  it('shards the property suite with parallel and the job position', () => {
    expect(at(job('properties'), 'strategy', 'parallel')).toBeGreaterThan(1);
    expect(runs(job('properties')?.steps ?? [])).toContain('--shard=$(System.JobPositionInPhase)/$(System.TotalJobsInPhase)');
  });
});

describe('docs/ci/k6-testrun.yaml', () => {
  const docs = parseAllDocuments(read('k6-testrun.yaml')).map((d) => d.toJS() as Yaml);

  it('is a portal Deployment + Service and a k6-operator TestRun against it, from an archive', () => {
    expect(docs.map((d) => d.kind)).toEqual(['Deployment', 'Service', 'TestRun']);
    const [deployment, service, run] = docs;
    expect(at(deployment, 'spec', 'template', 'spec', 'containers', 0, 'args')).toEqual(expect.arrayContaining(['serve', 'portal', '--host', '0.0.0.0']));
    expect(at(run, 'spec', 'parallelism')).toBeGreaterThan(1);
    expect(at(run, 'spec', 'script', 'configMap', 'file')).toMatch(/\.tar$/);
    const name = String(at(service, 'metadata', 'name'));
    const port = String(at(service, 'spec', 'ports', 0, 'port'));
    expect(String(at(run, 'spec', 'arguments'))).toContain(`PORTAL_URL=http://${name}:${port}`);
  });
});

/** The shard count N of every `--shard i/N` in the commands and every merged `-of-N.json` must agree. */
function exploreShape(commands: string): { shardArgs: string[]; mergeCounts: number[]; worlds: string[] } {
  return {
    shardArgs: [...commands.matchAll(/kvittering explore \S+ .*--shard (.+?) --/g)].map((m) => m[1] as string),
    mergeCounts: [...commands.matchAll(/kvittering explore --merge \S*\.explore\.shard-\*-of-(\d+)\.json/g)].map((m) => Number(m[1])),
    worlds: [...commands.matchAll(/--worlds (\d+)/g)].map((m) => m[1] as string),
  };
}

describe('the exploration recipes (kvittering explore --shard / --merge)', () => {
  it('GitHub Actions: a 1..N shard matrix, each shard uploaded, one merge job that needs them all', () => {
    const wf = recipe('github-actions.yml');
    const jobs = wf.jobs as Record<string, { steps: Yaml[]; needs?: string; strategy?: { matrix: Record<string, unknown[]> } }>;
    const shards = jobs.explore?.strategy?.matrix.shard as number[];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const shape = exploreShape(runs([...(jobs.explore?.steps ?? []), ...(jobs['explore-merge']?.steps ?? [])]));
    expect(shape.shardArgs).toEqual([`\${{ matrix.shard }}/${shards.length}`]);
    expect(shape.mergeCounts).toEqual([shards.length]);
    expect(jobs['explore-merge']?.needs).toBe('explore');
    const download = jobs['explore-merge']?.steps.find((s) => String(s.uses).startsWith('actions/download-artifact'));
    expect(at(download, 'with', 'merge-multiple')).toBe(true);
    expect(JSON.stringify(wf.on)).toContain('schedule');
  });

  it('GitLab: parallel N with CI_NODE_INDEX/CI_NODE_TOTAL, merged with -of-N by a job that needs them', () => {
    const ci = recipe('gitlab-ci.yml');
    const n = at(ci, 'explore', 'parallel') as number;
    expect(n).toBeGreaterThan(1);
    const shape = exploreShape([...(at(ci, 'explore', 'script') as string[]), ...(at(ci, 'explore-merge', 'script') as string[])].join('\n'));
    expect(shape.shardArgs).toEqual(['$CI_NODE_INDEX/$CI_NODE_TOTAL']);
    expect(shape.mergeCounts).toEqual([n]);
    expect(at(ci, 'explore-merge', 'needs')).toEqual(['explore']);
    expect(at(ci, 'explore', 'artifacts', 'paths')).toEqual(['out/explore/']);
  });

  it('Azure DevOps: parallel N with the job position, merged with -of-N after every shard', () => {
    const pipeline = recipe('azure-pipelines.yml');
    const job = (name: string) => (pipeline.jobs as { job: string; steps: Yaml[]; strategy?: Yaml; dependsOn?: string }[]).find((j) => j.job === name);
    const n = at(job('explore'), 'strategy', 'parallel') as number;
    const shape = exploreShape(runs([...(job('explore')?.steps ?? []), ...(job('explore_merge')?.steps ?? [])]));
    expect(shape.shardArgs).toEqual(['$(System.JobPositionInPhase)/$(System.TotalJobsInPhase)']);
    expect(shape.mergeCounts).toEqual([n]);
    expect(job('explore_merge')?.dependsOn).toBe('explore');
  });

  it('Kubernetes: an Indexed Job of N pods (index + 1)/N and a merge Job of -of-N on the same volume', () => {
    const docs = parseAllDocuments(read('explore-indexed-job.yaml')).map((d) => d.toJS() as Yaml);
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job', 'Job']);
    const [claim, shards, merge] = docs;
    expect(at(shards, 'spec', 'completionMode')).toBe('Indexed');
    const n = at(shards, 'spec', 'completions') as number;
    expect(at(shards, 'spec', 'parallelism')).toBe(n);
    const command = [at(shards, 'spec', 'template', 'spec', 'containers', 0, 'args', 0), at(merge, 'spec', 'template', 'spec', 'containers', 0, 'args', 0)].join('\n');
    const shape = exploreShape(command);
    expect(shape.shardArgs).toEqual([`$((JOB_COMPLETION_INDEX + 1))/${n}`]);
    expect(shape.mergeCounts).toEqual([n]);
    const claimName = at(claim, 'metadata', 'name');
    for (const job of [shards, merge]) expect(at(job, 'spec', 'template', 'spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName')).toBe(claimName);
  });

  it('every recipe explores the same scenario and number of worlds', () => {
    const all = ['github-actions.yml', 'gitlab-ci.yml', 'azure-pipelines.yml', 'explore-indexed-job.yaml'].map((f) => exploreShape(read(f)));
    for (const shape of all) expect(shape.worlds).toEqual(['10000']);
  });
});
