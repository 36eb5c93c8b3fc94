/**
 * Number formats shared by the summary, the progress line and the charts. They do not depend on the
 * learner's language, so a Spanish and an English notebook show the same figures.
 */

/** Formats a count with commas between thousands, as Keras prints parameter counts: 101,770. */
export function formatCount(count: number): string {
  const digits = String(Math.trunc(Math.abs(count)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return count < 0 ? `-${grouped}` : grouped;
}

/** Formats a size in bytes with binary units and two decimals, as Keras's summary does: 2.01 KB. */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(2)} ${units[unit]}`;
}

/**
 * Formats a loss or metric value like Keras's progress bar: four decimals, or exponent notation
 * below 0.001 so small losses do not read as zero.
 */
export function formatMetric(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0 || Math.abs(value) >= 1e-3) return value.toFixed(4);
  return value.toExponential(4);
}

/** Formats a record of logs as "loss: 0.9120 - accuracy: 0.6250", in the record's key order. */
export function formatLogs(logs: Record<string, number>): string {
  return Object.entries(logs)
    .map(([key, value]) => `${key}: ${formatMetric(value)}`)
    .join(" - ");
}
