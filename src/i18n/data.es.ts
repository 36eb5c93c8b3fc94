import type { DataMessages } from "./data.catalogue";

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The Spanish side of the messages about data. */
export const dataEs: DataMessages = {
  infoCaption: (shape) => `Columnas de una tabla de ${shape}`,
  tableShape: (rows, columns) => `${plural(rows, "fila", "filas")} × ${plural(columns, "columna", "columnas")}`,
  infoHeadings: () => ["columna", "tipo", "presentes", "faltantes"],
  describeLabel: () => "estadístico",
  corrLabel: () => "columna",
  errorCausedBy: () => "Causado por",
  errorStackTrace: () => "Traza de la pila",

  tableExpected: (owner, value) =>
    `${owner} espera una tabla de arquero, como la que devuelven readCSV("datos.csv") o aq.table({ x: [1, 2] }), pero recibió ${value}.`,
  tableWithoutRows: (owner) =>
    `${owner}: la tabla no tiene filas. Revisa el archivo del que se leyó, o el filtro que eliminó todas las filas.`,
  tableWithoutColumns: (owner) =>
    `${owner}: la tabla no tiene columnas. Revisa el archivo del que se leyó, o las columnas seleccionadas.`,
  columnMissing: (owner, column, available, suggestion) =>
    `${owner}: la tabla no tiene la columna "${column}".` +
    (suggestion === undefined ? "" : ` ¿Quisiste decir "${suggestion}"?`) +
    ` Sus columnas son: ${quoted(available)}.`,
  invalidColumns: (owner, value) =>
    `${owner}: columns debe ser un array de nombres de columna, como ["width", "height"], pero recibió ${value}.`,
  columnNotNumeric: (owner, column, row, value) =>
    `${owner}: la columna "${column}" contiene ${value} en la fila ${row}, que no es un número. ` +
    "Deja fuera esa columna, o convierte antes sus valores en números, por ejemplo con table.derive().",
  columnHasMissing: (owner, column, row, missingValue) =>
    `${owner}: la columna "${column}" tiene un valor faltante (${missingValue}) en la fila ${row}. ` +
    "Elimina antes esas filas con table.filter() o complétalas con table.impute().",
  noNumberColumns: (owner, columns) =>
    `${owner}: ninguna de las columnas ${quoted(columns)} contiene solo números. Pasa las columnas que quieres usar, y convierte antes el texto en números.`,
  notACorrelationMatrix: (value) =>
    `corrHeatmapSpec() espera la tabla que devuelve corr(): una primera columna de nombres y luego una columna de números por nombre. Recibió ${value}.`,
  unknownDataset: (name, known) => `datasets.table(): no existe el conjunto de datos "${name}". Los conjuntos de datos son: ${quoted(known)}.`,

  jsonFileNotFound: (path, file) =>
    `readJSON(): no se encontró el archivo "${path}" en ${file}. ` +
    "Revisa la ruta. Una ruta relativa parte de la carpeta de trabajo del kernel, que Jupyter fija en la carpeta del cuaderno.",
  jsonInvalid: (file, detail) => `readJSON(): ${file} no es JSON válido: ${detail}`,
  jsonLineInvalid: (file, line, detail) => `readJSON(): la línea ${line} de ${file} no es JSON válido: ${detail}`,
  jsonNotTabular: (file, found) =>
    `readJSON(): ${file} contiene ${found}, pero una tabla necesita un array de registros, como [{ "x": 1 }, { "x": 2 }], ` +
    'o un objeto de arrays por columna, como { "x": [1, 2] }.',
  jsonRecordNotObject: (file, index, value) =>
    `readJSON(): el elemento ${index} del array de ${file} es ${value}, pero cada elemento debe ser un registro como { "x": 1 }.`,
  jsonColumnLength: (file, column, length, expected) =>
    `readJSON(): en ${file}, la columna "${column}" tiene ${length} valores, pero la primera columna tiene ${expected}. Cada columna necesita un valor por fila.`,
};
