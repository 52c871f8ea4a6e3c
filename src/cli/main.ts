import { Command, CommanderError, Option } from 'commander';
import { RecordingError } from '../server/recording-format';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io';
import { LIST_FORMAT_HELP, listRecording } from './list';
import { parsePort, parseSpeed } from './options';
import { readRecordingFile, RecordingFileError } from './recording-file';
import { replayToStdout } from './replay';
import { ListenError, serveRecording } from './serve';
import { packageVersion } from './version';

export type { CliIO } from './io';

/** The options of `replay`, as commander hands them over. */
interface ReplayOptions {
  speed: number;
  list?: true;
  serve?: true;
  port: number;
  host: string;
}

const EXAMPLES = `
Examples:
  agent-event-stream replay session.jsonl              the frames on stdout, with the recorded timing
  agent-event-stream replay session.jsonl --speed 10   ten times faster (--speed Infinity: no delays)
  agent-event-stream replay session.jsonl --list       what the recording holds, one line per event
  agent-event-stream replay session.jsonl --serve      an SSE endpoint at http://127.0.0.1:4174/

Exit codes: 0 done, 1 the file or the recording could not be read (or the port was taken),
2 a bad command line, 130 a replay stopped by Ctrl+C.`;

/**
 * Runs the `agent-event-stream` command with `argv` (the arguments after the program name) and
 * resolves with its exit code; it never throws for bad input, which is reported on `io.stderr`.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), nodeIO(new AbortController()));
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('agent-event-stream')
    .description('Replays and serves JSONL recordings of agent-event-stream SSE streams.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError('(agent-event-stream --help shows the usage)')
    .version(packageVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .addHelpText('after', EXAMPLES);

  program
    .command('replay')
    .summary('replay a recording on stdout, list it, or serve it as an SSE endpoint')
    .description(
      'Writes the frames of a recording (made by AgentStreamRecorder or the Python recorder) to stdout ' +
        'with their recorded timing, as the reference replay does; or lists them; or serves them as an ' +
        'SSE endpoint that useAgentStream can point at.',
    )
    .argument('<file>', 'a JSONL recording')
    .addOption(new Option('-s, --speed <n>', 'divide the recorded delays by N (Infinity: no delays)').argParser(parseSpeed).default(1))
    .addOption(new Option('-l, --list', 'list the events (time, type, summary) instead of replaying them').conflicts('serve'))
    .option('--serve', 'serve the recording over HTTP: any path, GET or POST, CORS open, ids for Last-Event-ID')
    .addOption(new Option('-p, --port <port>', 'port for --serve (0: a free one)').argParser(parsePort).default(4174))
    .option('-H, --host <host>', 'host for --serve', '127.0.0.1')
    .addHelpText('after', LIST_FORMAT_HELP)
    .action(async (file: string, options: ReplayOptions, command: Command) => {
      exitCode = await replayCommand(file, options, command, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    // exitOverride turns commander's exits into throws; it has already printed its message.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    throw error;
  }
  return exitCode;
}

async function replayCommand(file: string, options: ReplayOptions, command: Command, io: CliIO): Promise<number> {
  try {
    if (!options.serve) {
      for (const name of ['port', 'host']) {
        if (command.getOptionValueSource(name) === 'cli') throw new UsageError(`--${name} needs --serve`);
      }
    }
    const recording = await readRecordingFile(file);
    if (options.list) {
      await io.stdout(listRecording(recording));
      return EXIT_OK;
    }
    if (options.serve) {
      await serveRecording(recording, { file, port: options.port, host: options.host, speed: options.speed }, io);
      return EXIT_OK;
    }
    return (await replayToStdout(recording.events, options.speed, io)) ? EXIT_OK : EXIT_INTERRUPTED;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n(agent-event-stream replay --help shows the usage)\n`);
      return EXIT_USAGE;
    }
    if (error instanceof RecordingFileError || error instanceof ListenError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof RecordingError) {
      io.stderr(`error: ${file}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
