// Shared paths and helpers for the Node test suites (node --test tests/...).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NATIVE_CLI = `${ROOT}build/native/bin/preclear`;
export const NODE_CLI = `${ROOT}web/bin/preclear.mjs`;
export const SITE = `${ROOT}build/wasm/site`;
export const SAMPLE = `${ROOT}web/demo/sample-declarations.ndjson`;
export const AS_OF = '2026-11-22';

export function requireBuilds() {
  for (const f of [NATIVE_CLI, `${ROOT}build/wasm/dist/preclear_wasm.wasm`]) {
    if (!existsSync(f)) throw new Error(`${f} missing: run make build first`);
  }
}

// Runs a CLI with |input| on stdin; returns { status, stdout (Buffer), stderr (string) }.
export function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  // A CLI that rejects its arguments exits before reading stdin; writing the input then fails
  // with EPIPE. That is not an error of the test: the exit status still says what happened.
  if (r.error && !(r.error.code === 'EPIPE' && r.status !== null)) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

export function runNative(args, input) {
  return run(NATIVE_CLI, args, input);
}

export function runNode(args, input) {
  return run(process.execPath, [NODE_CLI, ...args], input);
}
