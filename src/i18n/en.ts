import type { Catalogue } from "./catalogue";
import { dataEn } from "./data.en";
import { kerasEn } from "./keras.en";
import { plotEn } from "./plot.en";

export const en: Catalogue = {
  kernel: {
    banner: (version, backend) => `tskeras ${version}: TypeScript with Keras on TensorFlow.js (backend: ${backend})`,
    backendLoading: () => "loading; tf.getBackend() names it",
    executorDied: (reason) =>
      `The process running your code stopped (${reason}). All variables were lost: run the notebook's cells again from the top.`,
    stackFrame: (functionName, location) => (functionName ? `at ${functionName} (${location})` : `at ${location}`),
    frameLocation: (cell, line, column) => `${cell}, line ${line}, column ${column}`,
    notePosition: (line, column) => `(line ${line}, column ${column})`,
    cellLabel: (executionCount) => `cell[${executionCount}]`,
    linesOmitted: (count) => `... ${count} lines omitted ...`,
    inputOutsideCell: () => "input() can only ask for text while a notebook cell runs.",
    inputNotAllowed: () =>
      "This front end does not accept input, as when a notebook runs headlessly. Set the value in the cell instead of asking for it.",
    interrupted: () => "The cell was interrupted. Variables defined before the interruption are kept.",
    typeErrors: (count, line, column, detail) =>
      count === 1
        ? `Type error at line ${line}, column ${column}: ${detail}`
        : `${count} type errors; the first at line ${line}, column ${column}: ${detail}`,
    typeErrorAt: (line, column, detail) => `line ${line}, column ${column}: ${detail}`,
    moduleNotFound: (specifier, folder) => `Cannot find module "${specifier}" from ${folder}. Install it there with: npm install ${specifier}`,
    requireOfEsModule: (specifier) =>
      `"${specifier}" is an ES module, which require() cannot load. Load it with import x from "${specifier}", or with await import("${specifier}").`,
    fileNotFound: (specifier, folder) => `Cannot find the file "${specifier}" from ${folder}. Check the path, which is relative to the notebook's folder.`,
    moduleNotFoundHint: (folder) =>
      `Packages are looked for in node_modules of ${folder} and the folders above it; install a missing one there with npm install NAME.`,
    fileNotFoundHint: (folder) => `A path that starts with ./ or ../ is relative to the notebook's folder, ${folder}. Check the file's name and folder.`,
    earlierTypeHint: () =>
      "A type name that ends in ʹ, such as Pointʹ, is the definition that a type had before a later cell defined it again. Values made before keep it. Run the cells that make them again to give them the new definition.",
    typecheckHint: () =>
      'The cell did not run. Fix the types, or run kernel.typecheck("warn") in a cell of its own to run cells despite type errors.',
    tensorsLeft: (count, size, numTensors) =>
      `This cell left ${count} tensors (${size}) in memory that no variable refers to; tf.memory().numTensors is now ${numTensors}. ` +
      "TensorFlow.js frees a tensor only when told: compute inside tf.tidy(() => ...), which frees every tensor but the one returned, or call .dispose() on a tensor once you no longer need it.",
    typeWarnings: (count) => (count === 1 ? "Type error (the cell runs anyway):" : `${count} type errors (the cell runs anyway):`),
    invalidTypecheckMode: (value) => `Invalid typecheck mode "${value}"; use "error", "warn" or "off".`,
    importedFileSyntaxError: (file, line, column, detail) => `Syntax error in ${file} at line ${line}, column ${column}: ${detail}`,
    syntaxError: (line, column, detail) => `Syntax error at line ${line}, column ${column}: ${detail}`,
    replacedGlobal: (name, line, column) =>
      `Line ${line}, column ${column}: \`${name}\` is a built-in global that TensorFlow.js and the kernel may use, so a cell cannot declare it at its top level. ` +
      `Give the variable another name, such as \`${name}Value\`, or declare it inside a function or a block { }. Nothing in the cell ran.`,
    declaredGlobal: (name, line, column) =>
      `Line ${line}, column ${column}: \`${name}\` is already a global of the kernel, with a type of its own. ` +
      `A \`declare\` statement or a namespace of types would give it another type without changing its value, so declare another name. Nothing in the cell ran.`,
  },
  cli: {
    usage: () =>
      [
        "Usage:",
        "  tskeras install [--user | --sys-prefix | --prefix DIR] [--lang es|en] [--typecheck error|warn|off]",
        "      Registers the TypeScript (tskeras) kernel with Jupyter (--user is the default).",
        "      --typecheck: whether type errors stop a cell (error, the default), only warn, or are not checked.",
        "  tskeras run NOTEBOOK.ipynb [--output OUT.ipynb]",
        "      Runs every code cell of the notebook and writes it with its outputs",
        "      (by default next to it, as NOTEBOOK.executed.ipynb).",
        "  tskeras kernel --connection-file FILE",
        "      Starts the kernel; Jupyter runs this for you.",
      ].join("\n"),
    installed: (kernelName, folder) => `Installed the kernel "${kernelName}" in ${folder}`,
    invalidOption: (option, value, accepted) =>
      `Invalid value "${value}" for ${option}; use ${accepted.slice(0, -1).join(", ")} or ${accepted[accepted.length - 1]}.`,
    unknownOption: (option) => `Unknown option ${option}. Run tskeras --help to see the options.`,
    missingOptionValue: (option, accepted) =>
      accepted
        ? `The option ${option} needs a value: ${accepted.slice(0, -1).join(", ")} or ${accepted[accepted.length - 1]}, as in ${option} ${accepted[0]}.`
        : `The option ${option} needs a value, for example ${option} VALUE.`,
    notebookNotFound: (path) => `Notebook not found: ${path}. Check the path, relative to ${process.cwd()}.`,
    notebookUnreadable: (path, reason) => `Cannot read ${path} as a Jupyter notebook (.ipynb): ${reason}`,
    cellStarted: (index, total, firstLine) => `[${index}/${total}] ${firstLine}`,
    cellSucceeded: (seconds) => `ok (${seconds.toFixed(1)} s)`,
    cellFailed: (index, ename, evalue) => `Code cell ${index} failed: ${ename}: ${evalue}`,
    cellsSkipped: (count) => (count === 1 ? "The next code cell was not run." : `The next ${count} code cells were not run.`),
    notebookWritten: (path) => `Wrote the executed notebook to ${path}`,
  },
  keras: kerasEn,
  data: dataEn,
  plot: plotEn,
};
