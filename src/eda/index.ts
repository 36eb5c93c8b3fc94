/**
 * Exploratory data analysis on arquero tables: reading files, summaries after pandas, correlation and
 * the step from a table to a tensor. Importing it registers the displays of tables and arrays of records.
 */
import { registerTableFormatters } from "./formatters";

export { aq, type ArqueroModule, type ColumnTable } from "./arquero";
export { readCSV } from "../keras/csv";
export { readJSON } from "./read";
export { describe, info, TableInfo, valueCounts } from "./describe";
export type { ColumnInfo, ValueCountsOptions } from "./describe";
export { corr } from "./corr";
export { corrHeatmapSpec } from "./heatmap";
export type { CorrHeatmapOptions } from "./heatmap";
export { toTensor } from "./tensor";

registerTableFormatters();
