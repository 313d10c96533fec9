#!/usr/bin/env node
import { ErrorCode, isParabenchError, messageOf } from '@parabench/core';
import { main } from './command/main.js';
import { EXIT } from './command/program.js';

const USAGE_CODES: ReadonlySet<string> = new Set([ErrorCode.InvalidOptions, ErrorCode.InvalidModule]);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isParabenchError(error) && USAGE_CODES.has(error.code)) {
      process.stderr.write(`parabench: ${messageOf(error)}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write(`parabench: unexpected failure\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT.failed;
    }
  },
);
