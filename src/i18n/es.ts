import type { Catalogue } from "./catalogue";
import { dataEs } from "./data.es";
import { kerasEs } from "./keras.es";
import { plotEs } from "./plot.es";

export const es: Catalogue = {
  kernel: {
    banner: (version, backend) => `tskeras ${version}: TypeScript con Keras sobre TensorFlow.js (backend: ${backend})`,
    backendLoading: () => "cargando; tf.getBackend() lo indica",
    executorDied: (reason) =>
      `El proceso que ejecutaba tu código se detuvo (${reason}). Se perdieron todas las variables: vuelve a ejecutar las celdas del cuaderno desde el principio.`,
    stackFrame: (functionName, location) => (functionName ? `en ${functionName} (${location})` : `en ${location}`),
    frameLocation: (cell, line, column) => `${cell}, línea ${line}, columna ${column}`,
    notePosition: (line, column) => `(línea ${line}, columna ${column})`,
    cellLabel: (executionCount) => `celda[${executionCount}]`,
    linesOmitted: (count) => `... se omitieron ${count} líneas ...`,
    inputOutsideCell: () => "input() solo puede pedir texto mientras se ejecuta una celda del cuaderno.",
    inputNotAllowed: () =>
      "Esta interfaz no acepta entrada de texto, como cuando un cuaderno se ejecuta sin interfaz. Escribe el valor en la celda en lugar de pedirlo.",
    interrupted: () => "Se interrumpió la celda. Las variables definidas antes de la interrupción se conservan.",
    typeErrors: (count, line, column, detail) =>
      count === 1
        ? `Error de tipos en la línea ${line}, columna ${column}: ${detail}`
        : `${count} errores de tipos; el primero en la línea ${line}, columna ${column}: ${detail}`,
    typeErrorAt: (line, column, detail) => `línea ${line}, columna ${column}: ${detail}`,
    moduleNotFound: (specifier, folder) => `No se encuentra el módulo "${specifier}" desde ${folder}. Instálalo ahí con: npm install ${specifier}`,
    requireOfEsModule: (specifier) =>
      `"${specifier}" es un módulo ES, que require() no puede cargar. Cárgalo con import x from "${specifier}", o con await import("${specifier}").`,
    fileNotFound: (specifier, folder) => `No se encuentra el archivo "${specifier}" desde ${folder}. Revisa la ruta, que es relativa a la carpeta del cuaderno.`,
    moduleNotFoundHint: (folder) =>
      `Los paquetes se buscan en node_modules de ${folder} y de las carpetas superiores; instala el que falte ahí con npm install NOMBRE.`,
    fileNotFoundHint: (folder) => `Una ruta que empieza por ./ o ../ es relativa a la carpeta del cuaderno, ${folder}. Revisa el nombre y la carpeta del archivo.`,
    earlierTypeHint: () =>
      "Un nombre de tipo que termina en ʹ, como Pointʹ, es la definición que tenía el tipo antes de que una celda posterior lo definiera de nuevo. Los valores creados antes la conservan. Vuelve a ejecutar las celdas que los crean para darles la nueva definición.",
    typecheckHint: () =>
      'La celda no se ejecutó. Corrige los tipos, o ejecuta kernel.typecheck("warn") en una celda aparte para ejecutar las celdas aunque tengan errores de tipos.',
    tensorsLeft: (count, size, numTensors) =>
      `Esta celda dejó en memoria ${count} tensores (${size}) a los que no se refiere ninguna variable; tf.memory().numTensors vale ahora ${numTensors}. ` +
      "TensorFlow.js solo libera un tensor cuando se le pide: calcula dentro de tf.tidy(() => ...), que libera todos los tensores menos el que devuelve, o llama a .dispose() en un tensor cuando ya no lo necesites.",
    typeWarnings: (count) =>
      count === 1 ? "Error de tipos (la celda se ejecuta igualmente):" : `${count} errores de tipos (la celda se ejecuta igualmente):`,
    invalidTypecheckMode: (value) => `Modo de comprobación de tipos "${value}" no válido; usa "error", "warn" u "off".`,
    importedFileSyntaxError: (file, line, column, detail) => `Error de sintaxis en ${file}, línea ${line}, columna ${column}: ${detail}`,
    syntaxError: (line, column, detail) => `Error de sintaxis en la línea ${line}, columna ${column}: ${detail}`,
    replacedGlobal: (name, line, column) =>
      `Línea ${line}, columna ${column}: \`${name}\` es un global predefinido que pueden usar TensorFlow.js y el kernel, así que una celda no puede declararlo en su nivel superior. ` +
      `Dale otro nombre a la variable, como \`${name}Valor\`, o declárala dentro de una función o de un bloque { }. No se ejecutó nada de la celda.`,
    declaredGlobal: (name, line, column) =>
      `Línea ${line}, columna ${column}: \`${name}\` ya es un global del kernel, con un tipo propio. ` +
      `Una sentencia \`declare\` o un namespace de tipos le daría otro tipo sin cambiar su valor, así que declara otro nombre. No se ejecutó nada de la celda.`,
  },
  cli: {
    usage: () =>
      [
        "Uso:",
        "  tskeras install [--user | --sys-prefix | --prefix DIR] [--lang es|en] [--typecheck error|warn|off]",
        "      Registra el kernel TypeScript (tskeras) en Jupyter (--user por defecto).",
        "      --typecheck: si los errores de tipos detienen la celda (error, por defecto), solo avisan (warn) o no se comprueban (off).",
        "  tskeras run CUADERNO.ipynb [--output SALIDA.ipynb]",
        "      Ejecuta todas las celdas de código del cuaderno y lo guarda con sus salidas",
        "      (por defecto a su lado, como CUADERNO.executed.ipynb).",
        "  tskeras kernel --connection-file ARCHIVO",
        "      Inicia el kernel; Jupyter lo ejecuta por ti.",
      ].join("\n"),
    installed: (kernelName, folder) => `Kernel "${kernelName}" instalado en ${folder}`,
    invalidOption: (option, value, accepted) =>
      `Valor "${value}" no válido para ${option}; usa ${accepted.slice(0, -1).join(", ")} o ${accepted[accepted.length - 1]}.`,
    unknownOption: (option) => `Opción desconocida: ${option}. Ejecuta tskeras --help para ver las opciones.`,
    missingOptionValue: (option, accepted) =>
      accepted
        ? `La opción ${option} necesita un valor: ${accepted.slice(0, -1).join(", ")} o ${accepted[accepted.length - 1]}, como en ${option} ${accepted[0]}.`
        : `La opción ${option} necesita un valor, por ejemplo ${option} VALOR.`,
    notebookNotFound: (path) => `No se encontró el cuaderno ${path}. Revisa la ruta, relativa a ${process.cwd()}.`,
    notebookUnreadable: (path, reason) => `No se puede leer ${path} como cuaderno de Jupyter (.ipynb): ${reason}`,
    cellStarted: (index, total, firstLine) => `[${index}/${total}] ${firstLine}`,
    cellSucceeded: (seconds) => `correcto (${seconds.toFixed(1)} s)`,
    cellFailed: (index, ename, evalue) => `La celda de código ${index} falló: ${ename}: ${evalue}`,
    cellsSkipped: (count) => (count === 1 ? "La celda de código siguiente no se ejecutó." : `Las ${count} celdas de código siguientes no se ejecutaron.`),
    notebookWritten: (path) => `Cuaderno ejecutado guardado en ${path}`,
  },
  keras: kerasEs,
  data: dataEs,
  plot: plotEs,
};
