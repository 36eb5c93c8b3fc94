import type { Catalogue } from "./catalogue";

export const en: Catalogue = {
  kernel: {
    banner: (version, backend) => `tskeras ${version}: TypeScript with Keras on TensorFlow.js (backend: ${backend})`,
    executorDied: (reason) =>
      `The process running your code stopped (${reason}). All variables were lost: run the notebook's cells again from the top.`,
    syntaxError: (line, column, detail) => `Syntax error at line ${line}, column ${column}: ${detail}`,
  },
  keras: {
    summaryTitle: (modelName) => `Model: "${modelName}"`,
  },
};
