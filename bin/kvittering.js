#!/usr/bin/env node
// The kvittering command. In the repository it runs the TypeScript sources through tsx (so it never
// runs a stale build); in an installed package, which ships only dist/, it runs the compiled CLI.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const source = new URL('../harness/cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/harness/cli/main.js', import.meta.url).href);
}
