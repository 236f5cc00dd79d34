import { type Logger, LogLevel } from '@slack/logger';
import type { LogLevelName } from '../config.ts';

const RANK: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

const BOLT_LEVEL: Record<LogLevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Slack tokens and bearer headers, wherever they appear in a log line. */
const SECRET = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/-]+=*/g;

export function redactSecrets(text: string): string {
  return text.replace(SECRET, (match) =>
    match.startsWith('Bearer') ? 'Bearer [redacted]' : `${match.split('-')[0]}-[redacted]`,
  );
}

function describe(value: unknown, withStack: boolean): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) {
    const code = 'code' in value && typeof value.code === 'string' ? ` [${value.code}]` : '';
    return withStack && value.stack ? `${value.stack}${code}` : `${value.name}: ${value.message}${code}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export interface LogLine {
  level: LogLevel;
  name: string;
  message: string;
}

/** Bolt-compatible logger: one line per entry, secrets redacted, written to a sink (stderr by default). */
export class AppLogger implements Logger {
  private level: LogLevel;
  private name = 'star-coach';

  constructor(
    level: LogLevelName | LogLevel = 'info',
    private readonly sink: (line: LogLine) => void = writeToConsole,
  ) {
    this.level = level in BOLT_LEVEL ? BOLT_LEVEL[level as LogLevelName] : (level as LogLevel);
  }

  debug(...msg: unknown[]): void {
    this.log(LogLevel.DEBUG, msg);
  }
  info(...msg: unknown[]): void {
    this.log(LogLevel.INFO, msg);
  }
  warn(...msg: unknown[]): void {
    this.log(LogLevel.WARN, msg);
  }
  error(...msg: unknown[]): void {
    this.log(LogLevel.ERROR, msg);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }
  isDebug(): boolean {
    return this.level === LogLevel.DEBUG;
  }

  private log(level: LogLevel, msg: unknown[]): void {
    if (RANK[level] < RANK[this.level]) return;
    const withStack = this.level === LogLevel.DEBUG;
    const message = redactSecrets(msg.map((m) => describe(m, withStack)).join(' '));
    this.sink({ level, name: this.name, message });
  }
}

function writeToConsole(line: LogLine): void {
  const text = `${new Date().toISOString()} ${line.level.toUpperCase().padEnd(5)} [${line.name}] ${line.message}\n`;
  (line.level === LogLevel.ERROR || line.level === LogLevel.WARN ? process.stderr : process.stdout).write(
    text,
  );
}
