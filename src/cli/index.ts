#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { commandHelp, parseCommandArgs, type CommandIo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { VigilError } from '../errors.js';
import { safeTerminal } from '../util/escape.js';

/** Longest error message printed; messages quote file names, member names and record text. */
const MAX_MESSAGE = 2000;

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Vigil: detect, attribute and document foreign interference in elections.',
    '',
    'Usage: vigil <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `vigil <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

/** Run the CLI with arguments (without `node vigil`); returns the exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    const require = createRequire(import.meta.url);
    io.stdout.write(`${(require('../../package.json') as { version: string }).version}\n`);
    return 0;
  }
  // Two-word commands such as `money screen` and `watch import-fec`.
  let command = COMMANDS.find((c) => c.name === name);
  let args = rest;
  if (!command && rest[0]) {
    command = COMMANDS.find((c) => c.name === `${name} ${rest[0]}`);
    args = rest.slice(1);
  }
  if (!command) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${name} `));
    if (group.length) {
      io.stdout.write(`Usage: vigil ${name} <${group.map((c) => c.name.split(' ')[1]).join('|')}>\n\n`);
      for (const c of group) io.stdout.write(`  ${c.name.padEnd(20)} ${c.summary}\n`);
      return 2;
    }
    io.stderr.write(`vigil: unknown command "${safeTerminal(name, 100)}". Run \`vigil --help\` for the list.\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(parseCommandArgs(command, args), io);
  } catch (err) {
    // The one top-level catch: expected failures get one line, bugs get a stack.
    // Messages quote untrusted names (files, archive members, fields): escape control codes.
    if (err instanceof VigilError) {
      io.stderr.write(`vigil: ${safeTerminal(err.message, MAX_MESSAGE)}\n`);
      return err.code === 'usage' ? 2 : 1;
    }
    io.stderr.write(`vigil: internal error (please report it with the command you ran):\n${String((err as Error)?.stack ?? err)
        .split('\n')
        .map((line) => safeTerminal(line, MAX_MESSAGE))
        .join('\n')}\n`);
    return 70;
  }
}

// Run when executed directly or through the npm bin link, not when imported by tests.
const entry = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, isTTY: !!process.stderr.isTTY }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
