import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/index.js';

/** Run the CLI in-process and capture what it writes. */
export async function vigil(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    isTTY: false,
  });
  return { code, stdout, stderr };
}
