import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFile } from '../../export/index.js';

/** Where commands keep the store unless --db says otherwise. */
export const DEFAULT_DB = '.vigil/vigil.db';

/** Write exporter output into `dir` (created if needed); returns the paths written. */
export async function writeExportFiles(dir: string, files: ExportFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of files) {
    // Exporters give bare names; refuse anything that could leave the folder.
    if (file.name.includes('/') || file.name.includes('\\') || file.name.startsWith('.')) throw new Error(`export: unsafe file name ${JSON.stringify(file.name)}`);
    const path = join(dir, file.name);
    await writeFile(path, file.content);
    paths.push(path);
  }
  return paths;
}
