import { displayBundle } from "../display/display";
import type { MimeBundle } from "../display/mime";
import { historyBundle, liveHistoryChartMetadata } from "../display/history-chart";
import { epochLine, progressBundle, type TrainingProgress } from "../display/progress";
import { currentSink } from "../display/scope";
import { defaultMinIntervalMs, systemClock, ThrottledDisplay, type Clock } from "../display/throttle";
import { messages } from "../i18n";

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
  /** Time source of the throttles and of the times shown; the system clock unless a test passes one. */
  clock?: Clock;
}

/** Minimum time between two updates of the progress bar: at most 10 updates a second. */
export const progressMinIntervalMs = 100;

/**
 * The outputs of one fit() call: a progress bar, a chart of the training curves and one printed line
 * per finished epoch. The bar is refreshed in place through its display handle at most 10 times a
 * second and the chart at most 5 times, so a fast fit does not flood the front end. finish() sends
 * the final state of both, whatever the throttle. The bar is HTML only, so it is shown only inside a
 * notebook cell. Outside one, the epoch lines and the chart's final text are all that is printed.
 *
 * Console clients (jupyter console, `jupyter run`) print a display's first text/plain and ignore its
 * updates. The chart therefore opens without text/plain, which would summarise epoch 1 above the
 * epoch lines, and its updates carry it for saved notebooks.
 */
export class FitProgress {
  private readonly clock: Clock;
  private readonly progressDisplay: ThrottledDisplay;
  private readonly chartDisplay: ThrottledDisplay;
  private readonly startedAt: number;
  private epochStartedAt: number;
  private readonly live = currentSink() !== undefined;
  private readonly epochIndices: number[] = [];
  private readonly series: Record<string, number[]> = {};
  private state: TrainingProgress;

  // Sums of batch values weighted by batch size, for the running means Keras shows during an epoch.
  private batchSums: Record<string, number> = {};
  private batchSamples = 0;

  constructor(private readonly settings: FitProgressSettings) {
    this.clock = settings.clock ?? systemClock;
    this.progressDisplay = new ThrottledDisplay(displayBundle, progressMinIntervalMs, this.clock);
    const openChart = (bundle: MimeBundle) =>
      this.live ? displayBundle(withoutText(bundle), { metadata: liveHistoryChartMetadata }) : displayBundle(bundle);
    this.chartDisplay = new ThrottledDisplay(openChart, defaultMinIntervalMs, this.clock);
    this.startedAt = this.clock.now();
    this.epochStartedAt = this.startedAt;
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
    this.epochStartedAt = this.clock.now();
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

    const seconds = (this.clock.now() - this.epochStartedAt) / 1000;
    console.log(epochLine({ epoch: epoch + 1, epochs: this.settings.epochs, seconds, logs: renamed }));
  }

  /** Sends the final bar and chart, the chart with its PNG. stopped marks a fit() that ended before its last epoch. */
  finish(stopped: boolean): void {
    this.state = { ...this.state, elapsedSeconds: this.elapsed(), stopped };
    if (this.live) this.progressDisplay.finish(progressBundle(this.state));
    if (this.epochIndices.length > 0) {
      const curves = this.curves();
      const output = currentSink();
      if (this.live && output?.defer) {
        // The PNG takes 40-80 ms to render, a tenth of a one-epoch fit: fit() returns without
        // waiting for it, and the cell adds it to the final chart when its code is done.
        this.chartDisplay.finish(historyBundle(curves, undefined, { image: false }));
        output.defer(() => this.chartDisplay.amend(historyBundle(curves, undefined, { image: true })));
      } else {
        // Outside a cell only the text is printed, so no PNG is rendered there.
        this.chartDisplay.finish(historyBundle(curves, undefined, { image: this.live }));
      }
    }
    if (stopped) console.log(messages().keras.trainingStopped(this.state.epoch, this.state.epochs));
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
    return (this.clock.now() - this.startedAt) / 1000;
  }
}

/** Returns the bundle without its text/plain form. */
function withoutText(bundle: MimeBundle): MimeBundle {
  const rest = { ...bundle };
  delete rest["text/plain"];
  return rest;
}
