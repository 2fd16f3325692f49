import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The last lines of a log file, for error messages; never throws. */
export function tailFile(path: string, lines = 20): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An error message followed by the indented tail of the log that explains it. */
export function withLogTail(message: string, logPath: string, lines = 20): string {
  // Some components log whole configurations on one line; a few hundred characters say enough.
  const tail = tailFile(logPath, lines)
    .split('\n')
    .map((line) => `    ${line.length > 500 ? `${line.slice(0, 500)}…` : line}`)
    .join('\n');
  return `${message}\n  last lines of ${logPath}:\n${tail}`;
}
