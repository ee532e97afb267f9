// The command line of the npm scripts (issue 27, item 7): every script answers --help (or -h) with
// its usage, and a mistyped option gets its message and the usage instead of a stack trace.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Prints `usage` and exits 0 when the command line asks for help; call it before anything starts. */
export function answerHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
}

/** node:util parseArgs, after answering --help, with a wrong option told in one line and the usage (exit 2). */
export function commandLine<const T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  answerHelp(usage, config.args ?? process.argv.slice(2));
  try {
    return parseArgs<T>(config);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage.trim()}\n`);
    process.exit(2);
  }
}
