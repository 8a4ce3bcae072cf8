import pino, { DestinationStream, Level, LevelWithSilent } from 'pino';
import { scrubSecrets } from './log-redaction';

/** Where this process's log lines go: standard output from a level on, and capture files. */
export interface LogOutputSettings {
  /** Lines at this level and above go to standard output (`silent`: none). */
  level: LevelWithSilent;
  /** Tests only: every line, at every level, is also appended to this file. */
  captureFile?: string;
}

const LEVEL_VALUES: Record<LevelWithSilent, number> = { ...pino.levels.values, silent: Infinity } as Record<
  LevelWithSilent,
  number
>;

/**
 * The one destination of the process's logger. pino gives it each line's level (metadata), so it
 * can send the line to standard output at `LOG_LEVEL` and to the capture files at every level;
 * shapes of secrets left in a line (an API key in a message...) are scrubbed before either.
 * It can be retargeted when another app starts in the same process (tests), since nestjs-pino
 * builds one root logger per process.
 */
class LogSink implements DestinationStream {
  readonly [pino.symbols.needsMetadataGsym] = true;
  lastLevel = 0;
  private stdoutLevel = LEVEL_VALUES.info;
  private readonly captures = new Map<string, DestinationStream>();

  configure({ level, captureFile }: LogOutputSettings): void {
    this.stdoutLevel = LEVEL_VALUES[level];
    if (captureFile && !this.captures.has(captureFile))
      this.captures.set(
        captureFile,
        pino.destination({ dest: captureFile, sync: true, mkdir: true, append: true }),
      );
  }

  /** The lowest level any destination wants: the logger's level. */
  get level(): LevelWithSilent {
    if (this.captures.size > 0) return 'trace';
    const entry = Object.entries(LEVEL_VALUES).find(([, value]) => value === this.stdoutLevel);
    return (entry?.[0] as Level | undefined) ?? 'silent';
  }

  write(line: string): void {
    const scrubbed = scrubSecrets(line);
    if (this.lastLevel >= this.stdoutLevel) process.stdout.write(scrubbed);
    for (const capture of this.captures.values()) capture.write(scrubbed);
  }
}

export const logSink = new LogSink();
