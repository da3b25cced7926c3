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
