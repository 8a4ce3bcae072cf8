import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** Every group still running, killed if the test process exits without stopping them (a crash, Ctrl-C). */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * A server the scale suite runs as a process group of its own (so a kill takes its children too),
 * with stdout and stderr appended to `logFile`.
 */
export class ChildServer {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  static start(
    name: string,
    command: string,
    args: string[],
    logFile: string,
    options: Pick<SpawnOptions, 'env' | 'uid' | 'gid' | 'cwd'> = {},
  ): ChildServer {
    const log = openSync(logFile, 'a');
    try {
      const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
      child.on('error', () => undefined);
      if (child.pid !== undefined) {
        const pid = child.pid;
        live.add(pid);
        child.once('exit', () => live.delete(pid));
      }
      return new ChildServer(name, child, logFile);
    } finally {
      closeSync(log);
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends `signal` to the whole group and waits (at most `timeoutMs`, then SIGKILL) for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<void> {
    if (!this.running || this.child.pid === undefined) return;
    const exited = once(this.child, 'exit');
    this.signal(signal);
    const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last `lines` lines of what it printed (for a failure message). */
  tail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(-(this.child.pid as number), signal);
    } catch {
      // already gone
    }
  }
}
