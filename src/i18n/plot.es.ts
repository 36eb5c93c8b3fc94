import type { ChartKind, ExpectedData, PlotMessages } from "./plot.catalogue";

const chartKinds: Record<ChartKind, string> = {
  line: "Gráfico de líneas",
  scatter: "Gráfico de dispersión",
  bar: "Gráfico de barras",
  histogram: "Histograma",
  box: "Diagrama de caja",
  heatmap: "Mapa de calor",
  confusionMatrix: "Matriz de confusión",
  predictionsVsActual: "Predicciones frente a valores reales",
};

const expectedData: Record<ExpectedData, string> = {
  data:
    "un array de registros como [{ x: 1, y: 2 }], un array de números o de textos, " +
    "un array 2-D de números, un tf.Tensor o una tabla con un método objects()",
  numbers: "un array o un tf.Tensor 1-D de números",
  matrix: "un array 2-D de números como [[1, 2], [3, 4]], o un tf.Tensor 2-D",
  labels: "índices de clase como [0, 2, 1], o filas de etiquetas one-hot o de probabilidades, en un array o un tf.Tensor",
  history: "el History que devuelve fit() (o model.history), o un objeto de series como { loss: [0.9, 0.5] }",
  image: "un tf.Tensor o arrays anidados de números, de forma [alto, ancho] o [alto, ancho, canales]",
  color: "un nombre de campo, o un array o un tf.Tensor 1-D con un valor por punto",
};

const axisNames = {
  rows: { plural: "filas", singular: "fila" },
  columns: { plural: "columnas", singular: "columna" },
  classes: { plural: "clases", singular: "clase" },
};

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` ¿Querías decir "${suggestion}"?`;
}

function quoted(names: string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}

/** The Spanish side of the plot helpers' messages. */
export const plotEs: PlotMessages = {
  indexField: () => "índice",
  valueField: () => "valor",
  seriesField: () => "serie",
  labelField: () => "etiqueta",
  columnField: (index) => `columna ${index}`,
  heatmapRowField: () => "fila",
  heatmapColumnField: () => "columna",
  countTitle: () => "frecuencia",
  fractionTitle: () => "proporción de la etiqueta real",

  confusionMatrixTitle: () => "Matriz de confusión",
  trueLabelTitle: () => "Etiqueta real",
  predictedLabelTitle: () => "Etiqueta predicha",
  predictionsVsActualTitle: () => "Predicciones frente a valores reales",
  actualValueTitle: () => "valor real",
  predictedValueTitle: () => "valor predicho",

  vegaLiteText: (title) => (title ? `<gráfico Vega-Lite: ${title}>` : "<gráfico Vega-Lite>"),
  chartText: (kind, title, rows) =>
    `${chartKinds[kind]}${title ? ` "${title}"` : ""} (${rows} ${rows === 1 ? "fila" : "filas"} de datos)`,
  confusionMatrixText: (samples) =>
    `Matriz de confusión de ${samples} ${samples === 1 ? "muestra" : "muestras"}: etiquetas reales hacia abajo, predichas a lo ancho.`,
  imageText: (width, height, channels) =>
    `Imagen de ${width} x ${height} píxeles, ${channels === 1 ? "en escala de grises" : channels === 3 ? "RGB" : "RGBA"}`,
  chartImageFailed: (reason) =>
    `No se pudo dibujar el gráfico como imagen PNG (${reason}). JupyterLab y VS Code lo dibujan igualmente; ` +
    "GitHub, nbviewer y nbconvert muestran su texto en su lugar.",

  emptyData: (owner, role) => `${owner}: ${role} está vacío, así que no hay nada que dibujar. Pasa al menos un valor.`,
  invalidData: (owner, role, value, expected) => `${owner}: ${role} debe ser ${expectedData[expected]}, pero se recibió ${value}.`,
  nonNumericValue: (owner, role, value, position) =>
    `${owner}: ${role} solo debe contener números, pero la posición ${position} contiene ${value}.`,
  fieldNotFound: (owner, option, field, fields, suggestion) =>
    `${owner}: ${option} es "${field}", pero los registros no tienen ese campo.${didYouMean(suggestion)} ` +
    `Sus campos son: ${quoted(fields)}.`,
  noNumericField: (owner, option, fields) =>
    `${owner}: los registros no tienen ningún campo de números que dibujar. Sus campos son: ${quoted(fields)}. ` +
    `Indica un campo de números con la opción ${option}.`,
  nonNumericField: (owner, option, field, value) =>
    `${owner}: ${option} es "${field}", pero ese campo contiene ${value}, que no es un número. Elige un campo de números.`,
  lengthMismatch: (owner, firstRole, firstLength, secondRole, secondLength) =>
    `${owner}: ${firstRole} tiene ${firstLength} valores pero ${secondRole} tiene ${secondLength}. ` +
    "Ambos necesitan un valor por muestra, en el mismo orden.",
  nameCountMismatch: (owner, option, given, expected, axis) =>
    `${owner}: ${option} tiene ${given} nombres, pero hay ${expected} ${expected === 1 ? axisNames[axis].singular : axisNames[axis].plural}. ` +
    `Pasa un nombre por ${axisNames[axis].singular}.`,
  colorWithSeveralFields: (owner) =>
    `${owner}: color no puede usarse con varios campos y, porque cada campo y ya recibe su propio color. ` +
    "Pasa un solo campo y, o quita color.",
  imageShape: (owner, shape) =>
    `${owner}: la imagen tiene forma ${shape}, pero una imagen necesita forma [alto, ancho] o [alto, ancho, canales] ` +
    "con 1, 3 o 4 canales. Para una imagen de un lote de forma [n, alto, ancho, canales], pasa images.gather(0).",
  matrixShape: (owner, role, shape) =>
    `${owner}: ${role} tiene forma ${shape}, pero un mapa de calor necesita una matriz de forma [filas, columnas], ` +
    "o registros con las opciones x, y y color indicando sus campos.",
  columnShape: (owner, role, shape) =>
    `${owner}: ${role} tiene forma ${shape}, pero necesita un valor por muestra, de forma [n] o [n, 1]. ` +
    "Para probabilidades de clase, dibuja plot.confusionMatrix() en su lugar.",
  labelShape: (owner, role, shape) =>
    `${owner}: ${role} tiene forma ${shape}, pero las etiquetas de clase necesitan forma [n] (índices de clase) ` +
    "o [n, clases] (etiquetas one-hot o probabilidades).",
  invalidClassLabel: (owner, role, value, position) =>
    `${owner}: ${role} contiene ${value} en la posición ${position}, que no es un índice de clase (un entero desde 0). ` +
    "Pasa índices de clase, o filas de etiquetas one-hot o de probabilidades.",
  classCountMismatch: (owner, trueClasses, predictedClasses) =>
    `${owner}: yTrue tiene ${trueClasses} columnas (clases) pero yPred tiene ${predictedClasses}. Ambos necesitan una columna por clase.`,
  historyWithoutEpochs: (owner) =>
    `${owner}: el historial todavía no tiene ninguna época. Entrena primero el modelo con fit(), y pasa el History que devuelve.`,
  seriesLengthMismatch: (owner, series, length, epochs) =>
    `${owner}: la serie "${series}" tiene ${length} valores, pero el historial tiene ${epochs} épocas. Cada serie necesita un valor por época.`,
  unknownSeries: (owner, series, available, suggestion) =>
    `${owner}: el historial no tiene la serie "${series}".${didYouMean(suggestion)} Sus series son: ${quoted(available)}.`,
  invalidFieldNames: (owner, option, value) =>
    `${owner}: ${option} debe ser un nombre de campo o un array de nombres de campo, como "loss" o ["loss", "val_loss"], pero se recibió ${value}.`,
  invalidNames: (owner, option, value) =>
    `${owner}: ${option} debe ser un array de nombres, como ["gato", "perro"], pero se recibió ${value}.`,
  invalidValueRange: (owner, value) =>
    `${owner}: valueRange debe ser dos números [mín, máx] con mín < máx, como [0, 255], pero se recibió ${value}.`,
};
