import { parseArgs, type ParseArgsConfig } from 'node:util';

/** An error the CLI reports as one line, with its exit code (2 = usage, 1 = failure). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** node:util parseArgs with usage errors turned into exit code 2. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}
