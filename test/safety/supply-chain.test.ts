// Dependencies are pinned by the lockfile (npm-shrinkwrap.json) with integrity hashes, and the project runs no install script.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

describe('supply chain', () => {
  it('declares no install-time scripts', () => {
    const pkg = read('package.json') as { scripts?: Record<string, string> };
    const installHooks = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish'];
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => installHooks.includes(s))).toEqual([]);
  });

  it('pins every installed package in the lockfile with a version and an integrity hash', () => {
    const lock = read('npm-shrinkwrap.json') as { lockfileVersion: number; packages: Record<string, { version?: string; integrity?: string; link?: boolean }> };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    const unpinned = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.link !== true && path.includes('node_modules/'))
      .filter(([, p]) => p.version === undefined || p.integrity === undefined)
      .map(([path]) => path);
    expect(unpinned).toEqual([]);
  });

  it('runs no dependency install script: the ones in the tree are reviewed, none is approved', () => {
    // npm 11 blocks install scripts unless approved; the project works without any of these (esbuild
    // ships its binary as an optional platform package, msw's only copies a browser service worker,
    // ssh2/cpu-features/protobufjs come with testcontainers and build optional native speed-ups).
    const reviewed = ['cpu-features', 'esbuild', 'msw', 'protobufjs', 'ssh2'];
    const lock = read('npm-shrinkwrap.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript === true).map(([path]) => path.replace(/^.*node_modules\//, '')).sort();
    expect(withScripts).toEqual(reviewed);
    const pkg = read('package.json') as Record<string, unknown>;
    expect(Object.keys(pkg).filter((k) => /allow-?scripts|trustedDependencies|onlyBuiltDependencies/i.test(k))).toEqual([]);
  });
});
