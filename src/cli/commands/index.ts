import type { Command } from '../command.js';

/**
 * Every CLI command, by name. Add a command by writing `commands/<name>.ts` exporting a `Command`
 * and listing it here.
 */
export const COMMANDS: Command[] = [];
