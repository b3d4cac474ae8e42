import { CliError } from './cliError';

const HELP = `pilji — land parcels (필지) from addresses, offline

Usage: pilji <command> [options]

Commands:
  import <paths...> --store <dir>    import 연속지적도 shapefiles (SHP sets, folders, ZIPs) into a store
  match <file> --store <dir> ...     match an address file to parcels (PNU) and write a report
  query [--store <dir>] -e '<dsl>'   run a DSL query and print or write the result
  serve [--port N] [--host H]        run the app as a server for a browser
  bjd <file>                         use a newer 법정동코드 전체자료 (as downloaded) for matching
  juso <zip|folder|files...>         import the 도로명주소 DB so that road-name addresses match
  help                               this text

Run 'pilji <command> --help' for a command's options.
`;

/**
 * Each command is loaded when it runs: loading them all at start pulled in DuckDB's native
 * library, apache-arrow, iconv-lite and proj4 for `pilji help` too. Interleaved runs of the
 * bundle (machine at load ~16): help took ~3.1× an empty Node start before, ~1.35× after.
 */
const COMMANDS: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  query: async () => (await import('./queryCommand')).runQuery,
  serve: async () => (await import('./serveCommand')).runServe,
  import: async () => (await import('./importCommand')).runImport,
  match: async () => (await import('./matchCommand')).runMatch,
  bjd: async () => (await import('./bjdCommand')).runBjd,
  juso: async () => (await import('./jusoCommand')).runJuso,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    process.stderr.write(`pilji: unknown command '${command}'\n\n${HELP}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`pilji ${command}: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`pilji ${command}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
