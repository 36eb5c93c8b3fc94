import { displayBundle } from "../display/display";
import type { MimeBundle } from "../display/mime";
import { historyBundle } from "../display/history-chart";
import { progressBundle, type TrainingProgress } from "../display/progress";
import { currentSink } from "../display/scope";
import { ThrottledDisplay } from "../display/throttle";

/** Logs as TF.js passes them to callbacks, before renaming: { loss, acc, val_loss, batch, size }. */
export type TfjsLogs = Record<string, number> | undefined;

/** Settings of one fit() call that the progress display needs. */
export interface FitProgressSettings {
  epochs: number;
  initialEpoch: number;
  batchesPerEpoch: number;
  /** 1 refreshes the bar after batches and epochs, 2 only after epochs. */
  verbose: 1 | 2;
  /** Turns TF.js log names into Keras's (acc into accuracy) and drops batch and size. */
  renameLogs: (logs: TfjsLogs) => Record<string, number>;
}

/**
 * The outputs of one fit() call: a progress bar and a chart of the training curves, each shown once
 * and refreshed in place through its display handle, at most 5 times a second. finish() sends the
 * final state of both, whatever the throttle. Outside a notebook cell, where updates cannot replace
 * what was printed, only the final state is shown.
 */
export class FitProgress {
  private readonly progressDisplay = new ThrottledDisplay(displayBundle);
  private readonly chartDisplay = new ThrottledDisplay(displayBundle);
  private readonly startedAt = Date.now();
  private readonly live = currentSink() !== undefined;
  private readonly epochIndices: number[] = [];
  private readonly series: Record<string, number[]> = {};
  private state: TrainingProgress;

  // Sums of batch values weighted by batch size, for the running means Keras shows during an epoch.
  private batchSums: Record<string, number> = {};
  private batchSamples = 0;

  constructor(private readonly settings: FitProgressSettings) {
    this.state = {
      epoch: settings.initialEpoch + 1,
      epochs: settings.epochs,
      batch: 0,
      batches: settings.batchesPerEpoch,
      logs: {},
      elapsedSeconds: 0,
    };
  }

  /** Shows the bar at the start of training. */
  start(): void {
    this.show(this.progressDisplay, progressBundle(this.state));
  }

  onEpochBegin(epoch: number): void {
    this.batchSums = {};
    this.batchSamples = 0;
    this.state = { ...this.state, epoch: epoch + 1, batch: 0, elapsedSeconds: this.elapsed() };
  }

  onBatchEnd(batch: number, logs: TfjsLogs): void {
    const size = logs?.size ?? 1;
    for (const [name, value] of Object.entries(this.settings.renameLogs(logs))) {
      this.batchSums[name] = (this.batchSums[name] ?? 0) + value * size;
    }
    this.batchSamples += size;

    if (this.settings.verbose !== 1) return;
    const means: Record<string, number> = {};
    for (const [name, sum] of Object.entries(this.batchSums)) means[name] = sum / this.batchSamples;
    this.state = { ...this.state, batch: batch + 1, logs: means, elapsedSeconds: this.elapsed() };
    this.show(this.progressDisplay, progressBundle(this.state));
  }

  onEpochEnd(epoch: number, logs: TfjsLogs): void {
    const renamed = this.settings.renameLogs(logs);
    this.epochIndices.push(epoch);
    for (const [name, value] of Object.entries(renamed)) {
      (this.series[name] ??= []).push(value);
    }

    this.state = {
      ...this.state,
      epoch: epoch + 1,
      batch: this.settings.batchesPerEpoch,
      logs: renamed,
      elapsedSeconds: this.elapsed(),
    };
    this.show(this.progressDisplay, progressBundle(this.state));
    // The live chart goes out without its PNG: rendering one takes tens of milliseconds of the training
    // thread, up to 5 times a second. finish() sends the final chart with it, and that is the output a
    // saved notebook keeps for GitHub, nbviewer and nbconvert.
    this.show(this.chartDisplay, historyBundle(this.curves(), undefined, { image: false }));
  }

  /** Sends the final bar and chart, the chart with its PNG. stopped marks a fit() that ended before its last epoch. */
  finish(stopped: boolean): void {
    this.state = { ...this.state, elapsedSeconds: this.elapsed(), stopped };
    this.progressDisplay.finish(progressBundle(this.state));
    // Outside a cell only the text is printed, so no PNG is rendered there.
    if (this.epochIndices.length > 0) this.chartDisplay.finish(historyBundle(this.curves(), undefined, { image: this.live }));
  }

  private show(display: ThrottledDisplay, bundle: MimeBundle): void {
    if (this.live) display.update(bundle);
  }

  private curves() {
    const history: Record<string, number[]> = {};
    for (const [name, values] of Object.entries(this.series)) history[name] = [...values];
    return { epoch: [...this.epochIndices], history };
  }

  private elapsed(): number {
    return (Date.now() - this.startedAt) / 1000;
  }
}
