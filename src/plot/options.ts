import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { normalizeOptions, readBoolean, readPositiveInteger, readString } from "../keras/options";

/** Options that every plot helper accepts. */
export interface ChartOptions {
  /**
   * Title above the chart. Default: none for line, scatter, bar, histogram, box and heatmap; a title in
   * the learner's language for confusionMatrix, predictionsVsActual and trainingCurves.
   */
  title?: string;
  /** Width of the plotting area in pixels, without axes and legend. Default: 400, or 300 for square charts. */
  width?: number;
  /** Height of the plotting area in pixels, without axes and title. Default: 250, or 300 for square charts. */
  height?: number;
}

/**
 * Kind of an option's value, which readOptions() checks: "fields" is a field name or a non-empty
 * array of them, "names" an array of strings or numbers. The helper checks "other" itself.
 */
export type OptionKind = "string" | "positiveInteger" | "boolean" | "fields" | "names" | "other";

/** The kinds of the options in ChartOptions. */
export const chartOptionKinds = { title: "string", width: "positiveInteger", height: "positiveInteger" } as const;

/**
 * Returns the options with keys in camelCase (max_bins becomes maxBins), after checking each value
 * against its kind. Raises ValueError for an unknown option and for a value of the wrong kind.
 */
export function readOptions<T extends object>(owner: string, options: unknown, kinds: Record<string, OptionKind>): T {
  const text = messages().plot;
  const read = normalizeOptions(owner, options, Object.keys(kinds));

  for (const [key, value] of Object.entries(read)) {
    switch (kinds[key]) {
      case "string":
        readString(owner, key, value);
        break;
      case "positiveInteger":
        readPositiveInteger(owner, key, value);
        break;
      case "boolean":
        readBoolean(owner, key, value);
        break;
      case "fields": {
        const valid = typeof value === "string" || (Array.isArray(value) && value.length > 0 && value.every((name) => typeof name === "string"));
        if (!valid) throw new ValueError(text.invalidFieldNames(owner, key, describeValue(value)));
        break;
      }
      case "names": {
        const valid = Array.isArray(value) && value.every((name) => typeof name === "string" || typeof name === "number");
        if (!valid) throw new ValueError(text.invalidNames(owner, key, describeValue(value)));
        break;
      }
      default:
        break;
    }
  }
  return read as T;
}
