import { readFile } from 'node:fs/promises';
import { parseRecording, type Recording } from '../server/recording-format';

/** A recording file that cannot be opened; its message names the file and the reason. */
export class RecordingFileError extends Error {
  override readonly name = 'RecordingFileError';
}

/**
 * Reads and parses a whole recording before anything is replayed, so a bad line fails the command
 * before the first frame.
 *
 * @throws RecordingFileError when the file cannot be read; RecordingError for a bad line.
 */
export async function readRecordingFile(path: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new RecordingFileError(`cannot read ${path}: ${reason}`, { cause: error });
  }
  return parseRecording(text);
}
