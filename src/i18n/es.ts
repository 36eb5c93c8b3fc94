import type { Catalogue } from "./catalogue";

export const es: Catalogue = {
  kernel: {
    banner: (version, backend) => `tskeras ${version}: TypeScript con Keras sobre TensorFlow.js (backend: ${backend})`,
    executorDied: (reason) =>
      `El proceso que ejecutaba tu código se detuvo (${reason}). Se perdieron todas las variables: vuelve a ejecutar las celdas del cuaderno desde el principio.`,
    syntaxError: (line, column, detail) => `Error de sintaxis en la línea ${line}, columna ${column}: ${detail}`,
  },
  keras: {
    summaryTitle: (modelName) => `Modelo: "${modelName}"`,
  },
};
