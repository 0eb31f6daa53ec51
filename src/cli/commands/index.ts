import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { ingestCommand } from './ingest.js';
import { initCommand } from './init.js';
import { quarantineCommand } from './quarantine.js';
import { verifyCommand } from './verify.js';

/**
 * Every CLI command, by name. Add a command by writing `commands/<name>.ts` exporting a `Command`
 * and listing it here.
 */
export const COMMANDS: Command[] = [
  initCommand,
  ingestCommand,
  quarantineCommand,
  analyzeCommand,
  verifyCommand,
];
