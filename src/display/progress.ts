import { messages, type Language } from "../i18n";
import { escapeHtml } from "./html";
import type { MimeBundle } from "./mime";
import { formatLogs } from "./numbers";

/** The state of a running fit() that the progress display shows. */
export interface TrainingProgress {
  /** The epoch in progress or just finished, counted from 1. */
  epoch: number;
  epochs: number;
  /** Batches finished in the current epoch. */
  batch: number;
  /** Batches per epoch, when known. */
  batches?: number;
  /** Values to show, in order: running means during an epoch, the epoch's logs at its end. */
  logs: Record<string, number>;
  elapsedSeconds: number;
  /** True when training ended before its last epoch (model.stopTraining or an interrupt). */
  stopped?: boolean;
}

/** Returns the finished fraction of the whole training, from 0 to 1. */
export function progressFraction(progress: TrainingProgress): number {
  if (progress.epochs <= 0) return 1;
  const withinEpoch = progress.batches ? Math.min(progress.batch / progress.batches, 1) : 0;
  const done = (progress.epoch - 1 + withinEpoch) / progress.epochs;
  return Math.min(Math.max(done, 0), 1);
}

/**
 * Formats the line beside the HTML bar: `Epoch 3/50 - 6% - 1.2s - loss: 0.9120 - accuracy: 0.6250`.
 * "Epoch" and the log names stay in English, as Keras prints them, in every language.
 */
export function progressLine(progress: TrainingProgress): string {
  const fraction = progressFraction(progress);
  const parts = [
    `Epoch ${progress.epoch}/${progress.epochs}`,
    `${Math.floor(fraction * 100)}%`,
    `${progress.elapsedSeconds.toFixed(1)}s`,
  ];
  const logs = formatLogs(progress.logs);
  if (logs) parts.push(logs);
  return parts.join(" - ");
}

/** One finished epoch, as its line of text reports it. */
export interface EpochSummary {
  /** The epoch, counted from 1. */
  epoch: number;
  epochs: number;
  /** Time the epoch took, in seconds. */
  seconds: number;
  /** The epoch's logs, in order: loss, metrics, then their validation values. */
  logs: Record<string, number>;
}

/**
 * Formats the line that reports a finished epoch: `Epoch 3/50 - 0.1s - loss: 0.9120 - accuracy: 0.6250`,
 * as Keras prints with verbose 2. "Epoch" and the log names stay in English in every language.
 */
export function epochLine(summary: EpochSummary): string {
  const parts = [`Epoch ${summary.epoch}/${summary.epochs}`, `${summary.seconds.toFixed(1)}s`];
  const logs = formatLogs(summary.logs);
  if (logs) parts.push(logs);
  return parts.join(" - ");
}

/** Lays out the progress as an HTML progress bar followed by the progress line. */
export function progressHtml(progress: TrainingProgress, language?: Language): string {
  const fraction = progressFraction(progress);
  const bar = `<progress value="${fraction.toFixed(4)}" max="1" style="width: 20em; vertical-align: middle"></progress>`;
  const line = `<code>${escapeHtml(progressLine(progress))}</code>`;
  const stopped = progress.stopped
    ? `<br>\n${escapeHtml(messages(language).keras.trainingStopped(progress.epoch, progress.epochs))}`
    : "";
  return `<div class="tskeras-progress">${bar} ${line}${stopped}</div>`;
}

/**
 * Builds the MIME bundle of the training progress: the HTML bar alone. It has no text/plain because
 * console clients (jupyter console, `jupyter run`) print a display's first bundle and ignore
 * update_display_data, so its text would show the state at the start of training. fit() prints one
 * line per finished epoch (epochLine) instead, which consoles and saved notebooks both keep.
 */
export function progressBundle(progress: TrainingProgress, language?: Language): MimeBundle {
  return { "text/html": progressHtml(progress, language) };
}
