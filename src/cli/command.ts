import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

/** Options in node:util parseArgs form, each with a help line. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { help: string; placeholder?: string };

/**
 * One CLI command. Each lives in `src/cli/commands/<name>.ts` and is listed in `commands/index.ts`.
 * `run` returns the process exit code; expected failures throw a VigilError.
 */
export interface Command {
  name: string;
  summary: string;
  /** Usage line after `vigil `, e.g. `ingest --db PATH FILE...`. */
  usage: string;
  /** More text for --help: what it does, defaults, an example. */
  description?: string;
  options: Record<string, OptionSpec>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Where a command writes. Tests pass their own; the CLI passes process streams. */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  isTTY: boolean;
}

export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options: ParseArgsConfig['options'] = {};
  for (const [key, spec] of Object.entries(command.options)) {
    const { help: _help, placeholder: _placeholder, ...rest } = spec;
    options[key] = rest;
  }
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (err) {
    throw new UsageError(`${command.name}: ${(err as Error).message}. See \`vigil ${command.name} --help\`.`, {
      cause: err,
    });
  }
}

export function commandHelp(command: Command): string {
  const lines = [`Usage: vigil ${command.usage}`, '', command.summary];
  if (command.description) lines.push('', command.description.trim());
  const entries = Object.entries(command.options);
  if (entries.length) {
    lines.push('', 'Options:');
    for (const [key, spec] of entries) {
      const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${key}${spec.type === 'string' ? ` ${spec.placeholder ?? 'VALUE'}` : ''}`;
      lines.push(`  ${flag.padEnd(30)} ${spec.help}`);
    }
  }
  lines.push(`  ${'    --help'.padEnd(30)} Show this help`);
  return lines.join('\n') + '\n';
}

/** Read a string option that must be present. */
export function requireString(args: ParsedArgs, name: string, command: string): string {
  const value = args.values[name];
  if (typeof value !== 'string' || value === '') {
    throw new UsageError(`${command}: --${name} is required. See \`vigil ${command} --help\`.`);
  }
  return value;
}

/** Read an optional numeric option, with a clear error when it is not a number. */
export function numberOption(args: ParsedArgs, name: string, command: string, fallback: number): number {
  const value = args.values[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`${command}: --${name} must be a number, got ${JSON.stringify(value)}`);
  }
  return n;
}
