import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

/** Options of {@link runWithAndWithoutCodeGeneration}. */
export interface CodeGenerationRunOptions {
  /** The folder the script runs in (default: this process's). */
  readonly cwd?: string;
  /** Node options before the script, in both runs (say `['-r', '@swc-node/register']`). */
  readonly nodeArgs?: readonly string[];
  /** Largest output kept, in bytes (default 64 MiB). */
  readonly maxBuffer?: number;
}

/** The two runs of {@link runWithAndWithoutCodeGeneration}. */
export interface CodeGenerationRuns {
  /** Under `--disallow-code-generation-from-strings`. */
  readonly refused: SpawnSyncReturns<string>;
  /** Without the flag. */
  readonly allowed: SpawnSyncReturns<string>;
}

/**
 * Runs a script in two real Node processes, one that refuses code generation from strings
 * (`new Function`, `eval`: `--disallow-code-generation-from-strings`, as a content security
 * policy without `unsafe-eval` does) and one that allows it, for a test to compare their
 * outputs: code that makes functions per object shape must give the same results without.
 * Real processes, because the flag applies to a whole isolate.
 *
 * @example
 * const { refused, allowed } = runWithAndWithoutCodeGeneration('fixture.js');
 * expect(refused.stdout).toBe(allowed.stdout);
 */
export function runWithAndWithoutCodeGeneration(
  script: string,
  options: CodeGenerationRunOptions = {},
): CodeGenerationRuns {
  const run = (flags: readonly string[]) =>
    spawnSync(process.execPath, [...flags, ...(options.nodeArgs ?? []), script], {
      encoding: 'utf8',
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      maxBuffer: options.maxBuffer ?? 1 << 26,
    });
  return { refused: run(['--disallow-code-generation-from-strings']), allowed: run([]) };
}
