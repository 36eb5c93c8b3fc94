import type { ExpectedType, KerasMessages, NameKind } from "./keras.catalogue";

const nameKinds: Record<NameKind, { unknown: string; available: string }> = {
  optimizer: { unknown: "Optimizador desconocido", available: "Optimizadores disponibles" },
  loss: { unknown: "Función de pérdida (loss) desconocida", available: "Funciones de pérdida disponibles" },
  metric: { unknown: "Métrica desconocida", available: "Métricas disponibles" },
  activation: { unknown: "Activación desconocida", available: "Activaciones disponibles" },
  initializer: { unknown: "Inicializador desconocido", available: "Inicializadores disponibles" },
};

const expectedTypes: Record<ExpectedType, string> = {
  boolean: "true o false",
  string: "un texto (string)",
  number: "un número",
  integer: "un número entero",
  options: "un objeto de opciones como { units: 64 }",
  verbose: "0, 1, 2 o \"auto\"",
  validationData: "un array [x, y] de entradas y objetivos",
  callbacks: "un callback como new EarlyStopping() o { onEpochEnd }, o un array de ellos",
  sizeOrSizes: "un entero positivo o un array de enteros positivos como [3, 3]",
  axis: "un entero o un array de enteros como -1",
  positiveNumber: "un número mayor que 0",
  nonNegativeNumber: "un número desde 0",
  nonNegativeInteger: "un entero desde 0",
  function: "una función",
  classWeight: "un objeto de índice de clase a peso desde 0, como { 0: 1, 1: 5 }",
  saveFreq: '"epoch" o un número entero positivo de batches',
};

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` ¿Quisiste decir "${suggestion}"?`;
}

/** The Spanish side of the Keras facade's messages. */
export const kerasEs: KerasMessages = {
  summaryTitle: (modelName) => `Modelo: "${modelName}"`,
  summaryLayerColumn: () => "Capa (tipo)",
  summaryOutputShapeColumn: () => "Forma de salida",
  summaryParamsColumn: () => "Parámetros #",
  summaryTotalParams: () => "Parámetros totales",
  summaryTrainableParams: () => "Parámetros entrenables",
  summaryNonTrainableParams: () => "Parámetros no entrenables",
  summaryUnbuilt: () => "sin construir",
  summaryNotBuiltNote: () =>
    "Este modelo aún no está construido, así que sus formas de salida y su número de parámetros son desconocidos. " +
    "Da un inputShape a la primera capa, o llama a fit() para construir el modelo a partir de los datos.",

  historyChartTitle: () => "Historial de entrenamiento",
  historyText: (epochs, lastEpochLogs) =>
    `Historial de entrenamiento: ${epochs} ${epochs === 1 ? "época" : "épocas"}. Última época: ${lastEpochLogs}`,
  historyEmpty: () => "Historial de entrenamiento: todavía no hay ninguna época registrada.",
  trainingInterrupted: (epochsDone, epochs) =>
    `Se interrumpió el entrenamiento tras ${epochsDone} de ${epochs} épocas. El modelo conserva los pesos aprendidos hasta ahora, y model.history tiene las épocas terminadas.`,
  trainingInterruptedBeforeStart: () => "Se interrumpió el entrenamiento antes de que empezara este fit(); el modelo no cambió.",
  trainingStopped: (epochsDone, epochs) => `El entrenamiento se detuvo tras la época ${epochsDone} de ${epochs}.`,

  earlyStopped: (epoch) => `Época ${epoch}: parada temprana (early stopping).`,
  bestWeightsRestored: (epoch) => `Se restauran los pesos del modelo del final de la mejor época: ${epoch}.`,
  learningRateReduced: (epoch, learningRate) => `Época ${epoch}: ReduceLROnPlateau reduce la tasa de aprendizaje a ${learningRate}.`,
  invalidLossStop: (batch) => `Batch ${batch}: la pérdida no es válida (NaN o infinita), se detiene el entrenamiento.`,
  monitorNotAvailable: (owner, monitor, available) =>
    `${owner} vigila "${monitor}", que no está en los logs, así que no hace nada en esta época. ` +
    `Valores disponibles: ${available.join(", ") || "ninguno"}. ` +
    "Pasa validation_split o validation_data a fit() para obtener los valores val_, o elige otro monitor.",
  learningRateNotAdjustable: (optimizer) =>
    `ReduceLROnPlateau no puede cambiar la tasa de aprendizaje del optimizador ${optimizer}. ` +
    'Compila con un optimizador incluido, como "adam", "sgd" o new Adam(0.01).',
  callbackNotAttached: (owner) =>
    `${owner} todavía no está asociado a un modelo. Pásalo a fit(), por ejemplo fit(x, y, { callbacks: [callback] }).`,
  checkpointSaving: (epoch, path) => `Época ${epoch}: se guarda el modelo en ${path}`,
  checkpointImproved: (epoch, monitor, best, current, path) =>
    `Época ${epoch}: ${monitor} mejoró de ${best} a ${current}, se guarda el modelo en ${path}`,
  checkpointNotImproved: (epoch, monitor, best) => `Época ${epoch}: ${monitor} no mejoró respecto a ${best}`,
  checkpointPathInvalid: (filepath, field) =>
    `ModelCheckpoint: la ruta "${filepath}" tiene un campo no válido, ${field}. ` +
    "Escribe los campos como en Keras, por ejemplo {epoch:02d} o {val_loss:.2f}, y una llave literal como {{ o }}.",
  checkpointFieldMissing: (filepath, field, available) =>
    `ModelCheckpoint no puede rellenar ${field} en la ruta "${filepath}", porque los logs no tienen ese valor. ` +
    `Campos disponibles: ${available.join(", ")}.`,

  tensorDisposed: () => "liberado: dispose() borró sus valores",

  unknownName: (kind, value, known, suggestion) =>
    `${nameKinds[kind].unknown}: ${value}.${didYouMean(suggestion)} ` +
    `${nameKinds[kind].available}: ${known.join(", ")}.`,
  unknownOption: (owner, key, known, suggestion) =>
    `${owner} no acepta la opción "${key}".${didYouMean(suggestion)} Opciones aceptadas: ${known.join(", ")}.`,
  optionGivenTwice: (owner, first, second) =>
    `${owner} recibió "${first}" y "${second}", que son la misma opción. Deja solo una de las dos.`,
  missingUnits: () =>
    "Dense necesita el número de unidades (units). Escribe new Dense(64) o new Dense({ units: 64 }).",
  invalidUnits: (value) =>
    `Las unidades (units) de Dense deben ser un entero positivo, pero se recibió ${value}. Escribe, por ejemplo, new Dense(64).`,
  missingActivation: () =>
    'Activation necesita el nombre de una función de activación, por ejemplo new Activation("relu").',
  missingArgument: (owner, key, example) => `${owner} necesita ${key}. Escribe, por ejemplo, ${example}.`,
  invalidChoice: (owner, key, value, choices) =>
    `${owner}: ${key} debe ser uno de ${choices.join(", ")}, pero se recibió ${value}.`,
  normalizationUnknownFeatures: (layerName) =>
    `${layerName}: se desconoce el tamaño de la entrada en su eje. Dale a la capa un inputShape, o llama a adapt(datos) antes de fit().`,
  normalizationInvalidAxis: (layerName, axis, rank) =>
    `${layerName}: el eje ${axis} no sirve para entradas con ${rank} ejes; usa un eje de 1 a ${rank - 1}, o -1 para el último.`,
  normalizationStatisticLength: (layerName, length, features) =>
    `${layerName}: mean y variance necesitan un valor por característica (${features}), o un solo número, pero una lista tiene ${length}.`,
  bidirectionalNeedsRecurrent: (value) =>
    `Bidirectional envuelve una capa recurrente (SimpleRNN, LSTM o GRU), pero recibió ${value}. Escribe new Bidirectional(new LSTM(32)).`,
  gruResetAfterUnsupported: () =>
    "GRU: TensorFlow.js solo implementa reset_after: false, así que aquí una GRU tiene menos pesos que con el valor " +
    "por defecto de Keras 3 (reset_after: true). Omite reset_after, o ponlo en false.",
  inputNotFirst: () =>
    "Input() debe ser el primer elemento de un modelo Sequential. Ponlo antes de todas las capas, " +
    "por ejemplo new Sequential([Input([28, 28, 1]), new Conv2D(32, 3)]).",
  layerNotBuilt: (layerName) =>
    `La capa "${layerName}" aún no está construida, así que no tiene pesos. ` +
    "Añádela a un modelo cuya primera capa tenga inputShape, o llama antes a fit() sobre el modelo.",
  modelNotBuilt: (modelName) =>
    `El modelo "${modelName}" aún no está construido, así que no tiene pesos. ` +
    "Da un inputShape a su primera capa, o llama antes a fit().",
  invalidShape: (owner, key, value) =>
    `${owner}: ${key} debe ser un array de enteros positivos como [4], pero se recibió ${value}.`,
  invalidPositiveInteger: (owner, key, value) => `${owner}: ${key} debe ser un entero positivo, pero se recibió ${value}.`,
  invalidFraction: (owner, key, value, allowZero) =>
    `${owner}: ${key} debe ser un número ${allowZero ? "desde 0" : "mayor que 0"} y menor que 1, pero se recibió ${value}.`,
  invalidOptionType: (owner, key, value, expected) =>
    `${owner}: ${key} debe ser ${expectedTypes[expected]}, pero se recibió ${value}.`,
  notALayer: (value) => `Sequential.add() espera una capa como new Dense(3), pero recibió ${value}.`,
  noLayers: (method) =>
    `El modelo no tiene capas, así que ${method}() no puede ejecutarse. Añade primero una con model.add(new Dense(...)).`,
  notCompiled: (method) =>
    `Compila el modelo antes de llamar a ${method}(), por ejemplo: ` +
    'model.compile({ optimizer: "adam", loss: "categorical_crossentropy", metrics: ["accuracy"] }).',
  missingLoss: () =>
    'compile() necesita una función de pérdida (loss), por ejemplo loss: "categorical_crossentropy" para etiquetas one-hot ' +
    'o "sparse_categorical_crossentropy" para etiquetas enteras.',
  invalidData: (role, value, detail) =>
    `${role} debe ser un tf.Tensor o un array de números cuyas filas tengan todas la misma longitud, pero se recibió ${value}.` +
    (detail === undefined ? "" : ` TensorFlow.js informó: ${detail}`),
  nonNumericData: (role, value) => `${role} solo debe contener números, pero contiene ${value}.`,
  disposedInput: (role) =>
    `${role} es un tensor liberado con dispose(), así que sus valores ya no existen. Créalo de nuevo, y libéralo solo después de su último uso.`,
  sampleCountMismatch: (xSamples, ySamples) =>
    `x tiene ${xSamples} muestras pero y tiene ${ySamples}. Ambos necesitan una fila por muestra.`,
  inputShapeMismatch: (expected, actual) =>
    `El modelo espera entradas de forma ${expected}, pero x tiene forma ${actual}. ` +
    "Revisa las columnas de x, o el inputShape de la primera capa.",
  oneSampleHint: (values, features) =>
    `x parece una sola muestra: el modelo recibe una fila por muestra, así que escríbela como ${values ?? "una lista de filas"}, o usa x.reshape([1, ${features}]).`,
  oneColumnHint: (samples) => `x tiene un valor por muestra: conviértelo en una columna con x.reshape([${samples}, 1]).`,
  flattenHint: () =>
    "La salida aún tiene el alto y el ancho de una capa de convolución o de pooling: añade new Flatten() (o new GlobalAveragePooling2D()) antes de la primera capa Dense.",
  targetShapeMismatch: (expected, actual) => `La salida del modelo tiene forma ${expected}, pero y tiene forma ${actual}.`,
  oneHotHint: (loss, numClasses) =>
    `Con loss "${loss}", y necesita una columna por clase. Conviértela con utils.toCategorical(y, ${numClasses}), ` +
    'o compila con loss "sparse_categorical_crossentropy" para conservar las etiquetas enteras.',
  invalidLabel: (value, position) =>
    `toCategorical() espera etiquetas de clase enteras desde 0, pero encontró ${value} en la posición ${position}.`,
  labelOutOfRange: (value, numClasses) =>
    `La etiqueta ${value} no cabe en numClasses = ${numClasses}, porque las etiquetas van de 0 a ${numClasses - 1}. ` +
    "Pasa un numClasses mayor, u omítelo para contar las clases a partir de las etiquetas.",
  datasetFileMissing: (name, path) =>
    `No se encontró el archivo del conjunto de datos ${name} en ${path}. Reinstala tskeras, cuyo paquete lo incluye en data/.`,
  packageDatasetMissing: (name, file) =>
    `No se encontró el archivo del conjunto de datos ${name}, ${file}, en node_modules. Reinstala tskeras, que instala ese paquete.`,

  csvFileNotFound: (path, file) =>
    `datasets.readCSV(): no se encontró el archivo "${path}" en ${file}. ` +
    "Revisa la ruta. Una ruta relativa parte de la carpeta de trabajo del kernel, que Jupyter fija en la carpeta del cuaderno.",
  csvLabelOptionMissing: (file) =>
    `datasets.readCSV("${file}") necesita el nombre de la columna de etiquetas, como en { label: "species" }.`,
  csvInvalidFeatures: (value) =>
    `datasets.readCSV(): features debe ser un array de nombres de columna, como ["width", "height"], pero recibió ${value}.`,
  csvEmpty: (file) =>
    `datasets.readCSV(): ${file} está vacío, pero debe empezar con una fila de encabezado con los nombres de las columnas.`,
  csvNoRecords: (file) => `datasets.readCSV(): ${file} tiene una fila de encabezado, pero ninguna fila de datos.`,
  csvUnclosedQuote: (file, line) =>
    `datasets.readCSV(): en ${file}, el campo entre comillas que empieza en la línea ${line} no se cierra nunca. Añade el carácter " que falta.`,
  csvCellCount: (file, line, expected, actual) =>
    `datasets.readCSV(): en ${file}, la línea ${line} tiene ${actual} valores, pero el encabezado tiene ${expected} columnas. ` +
    "Pon entre comillas dobles los valores que contienen comas.",
  csvColumnMissing: (file, column, available) =>
    `datasets.readCSV(): ${file} no tiene la columna "${column}". Sus columnas son: ${available.map((name) => `"${name}"`).join(", ")}.`,
  csvLabelAmongFeatures: (file, label) =>
    `datasets.readCSV("${file}"): la columna de etiquetas "${label}" también figura en features. Quítala de features.`,
  csvNoFeatures: (file, label) =>
    `datasets.readCSV("${file}"): no queda ninguna columna de características aparte de la etiqueta "${label}". Pasa en features las columnas de características del archivo.`,
  csvNonNumericValue: (file, line, column, value) =>
    `datasets.readCSV(): en ${file}, línea ${line}, la columna "${column}" contiene ${JSON.stringify(value)}, que no es un número. ` +
    "Todos los valores de las características deben ser números: corrige el valor o deja la columna fuera de features.",
  csvLabelEmpty: (file, line, label) =>
    `datasets.readCSV(): en ${file}, la línea ${line} no tiene valor en la columna de etiquetas "${label}". Complétalo o elimina la fila.`,

  modelFileMissing: (path) =>
    `No se encontró ningún modelo guardado: ${path} no existe. Pasa la carpeta que escribió model.save().`,
  notASequentialModel: (path, className) =>
    `El modelo guardado en ${path} es un ${className}, pero loadModel() solo lee modelos Sequential.`,
  weightCountMismatch: (expected, actual) =>
    `setWeights() espera ${expected} pesos, uno por cada elemento de getWeights(), pero recibió ${actual}.`,
  classWeightUnsupportedLoss: (loss, supported) =>
    `fit(): class_weight solo funciona con las funciones de pérdida ${supported.join(", ")}, pero el modelo se compiló con ` +
    `${loss === undefined ? "una función de pérdida propia" : `loss "${loss}"`}. ` +
    "Compila con una de ellas, o quita class_weight.",
  weightShapeMismatch: (index, weightName, expected, actual) =>
    `setWeights(): el peso ${index} (${weightName}) debe tener forma ${expected}, pero tiene forma ${actual}.`,

  scalerNotFitted: (owner) => `Este ${owner} todavía no está ajustado. Llama primero a fit(x) o a fitTransform(x).`,
  featureCountMismatch: (owner, expected, actual) =>
    `${owner} se ajustó con ${expected} características (columnas), pero x tiene ${actual}.`,
  emptySplit: (samples, testCount) =>
    `trainTestSplit() pondría ${testCount} de ${samples} muestras en el conjunto de prueba, y uno de los dos conjuntos quedaría vacío. ` +
    "Pasa un testSize que deje muestras en ambos lados.",
  stratifyLengthMismatch: (samples, labels) =>
    `trainTestSplit(): stratify tiene ${labels} etiquetas pero x tiene ${samples} muestras. Pasa una etiqueta por muestra.`,
  invalidFeatureRange: (value) =>
    `MinMaxScaler: featureRange debe ser dos números [mín, máx] con mín < máx, como [0, 1], pero se recibió ${value}.`,
};
