import { SingleBar } from 'cli-progress';

/** A progress bar on the terminal; on anything else (a pipe, a log file) it draws nothing. */
export class ProgressBar {
  private readonly bar: SingleBar;
  private readonly started = Date.now();
  private begun = false;

  constructor(label: string, unit: string) {
    this.bar = new SingleBar({
      format: `${label} |{bar}| {percentage}% | {done} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    });
  }

  /** `done` of `total` units: the bar shows `position` of `total`, which may count differently (log positions). */
  update(position: number, total: number, done = position): void {
    if (!this.begun) this.bar.start(Math.max(total, 1), 0, { done: 0, rate: 0 });
    this.begun = true;
    this.bar.setTotal(Math.max(total, 1));
    const seconds = (Date.now() - this.started) / 1000;
    this.bar.update(Math.min(position, total), { done, rate: Math.round(done / Math.max(seconds, 0.001)) });
  }

  stop(): void {
    if (this.begun) this.bar.stop();
  }
}
