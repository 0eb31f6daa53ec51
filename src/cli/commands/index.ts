import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { classifyCommand } from './classify.js';
import { coordinationCommand } from './coordination.js';
import { ingestCommand } from './ingest.js';
import { leadsCommand } from './leads.js';
import { moneyScreenCommand } from './money-screen.js';
import { initCommand } from './init.js';
import { quarantineCommand } from './quarantine.js';
import { reportCommand } from './report.js';
import { exportCommand } from './export.js';
import { serveCommand } from './serve.js';
import { verifyCommand } from './verify.js';
import { watchImportFecCommand } from './watch-import-fec.js';
import { workerCommand } from './worker.js';

/**
 * Every CLI command, by name. Add a command by writing `commands/<name>.ts` exporting a `Command`
 * and listing it here.
 */
export const COMMANDS: Command[] = [
  initCommand,
  ingestCommand,
  quarantineCommand,
  analyzeCommand,
  classifyCommand,
  leadsCommand,
  coordinationCommand,
  reportCommand,
  exportCommand,
  verifyCommand,
  moneyScreenCommand,
  watchImportFecCommand,
  serveCommand,
  workerCommand,
];
