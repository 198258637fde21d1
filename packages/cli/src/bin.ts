#!/usr/bin/env node
/** The `assure` binary: runs the CLI on the process's arguments and exits with its code. */
import { runCli } from './cli';
import { processIo } from './io';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
