/** Rows, rate and ETA on a terminal; silent when quiet, in CI, or when stderr is not a TTY. */
export class Progress {
  /** False when quiet, in CI, or not on a terminal: callers can then skip measuring progress at all. */
  readonly enabled: boolean;
  private readonly started = Date.now();
  private last = 0;

  constructor(
    private readonly label: string,
    opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {},
  ) {
    const stream = opts.stream ?? process.stderr;
    this.enabled = !opts.quiet && Boolean(stream.isTTY) && !process.env.CI;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  update(done: { bytes: number; total: number; rows: number }): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const fraction = done.total > 0 ? done.bytes / done.total : 0;
    const rate = seconds > 0 ? done.rows / seconds : 0;
    const eta = fraction > 0.01 ? (seconds / fraction) * (1 - fraction) : NaN;
    const line = `${this.label}: ${(fraction * 100).toFixed(0).padStart(3)}%  ${done.rows.toLocaleString('en-US')} rows  ${Math.round(rate).toLocaleString('en-US')} rows/s  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)}s` : '…'}`;
    this.stream.write(`\r${line.padEnd(80)}`);
  }

  note(text: string): void {
    if (this.enabled) this.stream.write(`\r${`${this.label}: ${text}`.padEnd(80)}`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r' + ' '.repeat(80) + '\r');
  }
}
