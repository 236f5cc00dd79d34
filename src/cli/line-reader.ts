import type { Interface } from 'node:readline';

const BLOCK_FENCE = '"""';

/**
 * Turns terminal lines into messages. One line is one message; a block between two `"""` lines is one message;
 * and in an interactive terminal, lines pasted together (arriving within a few milliseconds) are one message.
 */
export class LineReader {
  private readonly waiting: ((line: string | null) => void)[] = [];
  private readonly ready: (string | null)[] = [];
  private pasteBuffer: string[] = [];
  private pasteTimer: NodeJS.Timeout | undefined;
  private block: string[] | null = null;

  constructor(
    rl: Interface,
    private readonly pasteWindowMs: number,
  ) {
    rl.on('line', (line) => this.onLine(line));
    rl.on('close', () => {
      this.flushPaste();
      if (this.block) this.emit(this.block.join('\n'));
      this.emit(null);
    });
  }

  /** The next message, or null when input has ended. */
  next(): Promise<string | null> {
    const line = this.ready.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private emit(message: string | null) {
    const waiter = this.waiting.shift();
    if (waiter) waiter(message);
    else this.ready.push(message);
  }

  private onLine(line: string) {
    if (this.block) {
      if (line.trim() === BLOCK_FENCE) {
        this.emit(this.block.join('\n'));
        this.block = null;
      } else this.block.push(line);
      return;
    }
    if (line.trim() === BLOCK_FENCE) {
      this.flushPaste();
      this.block = [];
      return;
    }
    if (this.pasteWindowMs <= 0) {
      this.emit(line);
      return;
    }
    this.pasteBuffer.push(line);
    clearTimeout(this.pasteTimer);
    this.pasteTimer = setTimeout(() => this.flushPaste(), this.pasteWindowMs);
  }

  private flushPaste() {
    clearTimeout(this.pasteTimer);
    if (this.pasteBuffer.length === 0) return;
    const text = this.pasteBuffer.join('\n');
    this.pasteBuffer = [];
    this.emit(text);
  }
}
