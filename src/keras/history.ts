/** The settings of a fit() call, as Keras's History.params records them. */
export interface HistoryParams {
  epochs: number;
  /** Batches per epoch. */
  steps: number;
  verbose: number;
}

/**
 * The record of one fit() call, as Keras's History: `history.history.loss[i]` is the loss after
 * epoch `history.epoch[i]`. Keys use Keras's names: loss, accuracy, val_loss, val_accuracy.
 * A History as the last value of a cell shows as a chart of its curves.
 */
export class History {
  /** One array per series, with one value per epoch. */
  readonly history: Record<string, number[]>;
  /** Index of each recorded epoch, from 0 (or from initialEpoch). */
  readonly epoch: number[];
  readonly params: HistoryParams;

  constructor(history: Record<string, number[]>, epoch: number[], params: HistoryParams) {
    this.history = history;
    this.epoch = epoch;
    this.params = params;
  }
}

/** The cell output in which fit() drew each history's live chart. */
const liveChartOutputs = new WeakMap<History, object>();

/** Records that fit() drew the live chart of history in the given cell output. */
export function markLiveChart(history: History, output: object): void {
  liveChartOutputs.set(history, output);
}

/** Returns the cell output in which fit() drew the live chart of history, if it drew one. */
export function liveChartOutput(history: History): object | undefined {
  return liveChartOutputs.get(history);
}
