/**
 * Loads arquero, which is published as ES modules only, for this CommonJS package, and recognises its
 * tables. The module loads on first use, so a notebook that never touches a table does not pay for it.
 */
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import type * as Arquero from "arquero" with { "resolution-mode": "import" };

/** The arquero module: table(), from(), fromCSV(), op, desc() and the rest of its API. */
export type ArqueroModule = typeof Arquero;

/** An arquero table, the value that readCSV(), readJSON() and datasets.table() return. */
export type ColumnTable = Arquero.ColumnTable;

let loaded: ArqueroModule | undefined;

/** Returns the arquero module, loading it on the first call. */
export function arquero(): ArqueroModule {
  loaded ??= loadArquero();
  return loaded;
}

function loadArquero(): ArqueroModule {
  try {
    // Node 20.19 and later load an ES module through require(), and share it with import().
    return require("arquero") as ArqueroModule;
  } catch (error) {
    if (!isEsModuleRejected(error)) throw error;
    return loadBundle();
  }
}

/**
 * Returns whether require() failed because the package is an ES module: Node before 20.19 raises
 * ERR_REQUIRE_ESM, and loaders that read every file as CommonJS, such as jest's, a SyntaxError.
 */
function isEsModuleRejected(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return code === "ERR_REQUIRE_ESM" || name === "SyntaxError";
}

/**
 * Runs arquero's UMD bundle (dist/arquero.js, built from the same sources) as a CommonJS module.
 * NOTE: that bundle is the browser build, so its loadCSV(), loadJSON() and loadArrow() fetch URLs but
 * cannot read local files. readCSV() and readJSON() read local files on every Node version.
 */
function loadBundle(): ArqueroModule {
  const file = require.resolve("arquero/dist/arquero.js");
  const exports = {};
  // A Function made in this realm, so the tables' arrays and dates are this realm's, as a cell's are.
  const run = new Function("exports", "module", `${readFileSync(file, "utf8")}\n//# sourceURL=${file}`);
  run(exports, { exports });
  return exports as ArqueroModule;
}

/**
 * The arquero module, preloaded in notebooks as `aq`. It loads on first use: reading a property such as
 * `aq.table` loads arquero then.
 */
export const aq: ArqueroModule = new Proxy(inspectableTarget(), {
  get: (_, key) => Reflect.get(arquero(), key),
  has: (_, key) => Reflect.has(arquero(), key),
  ownKeys: () => Reflect.ownKeys(arquero()),
  getOwnPropertyDescriptor: (_, key) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(arquero(), key);
    // A proxy may not report a property as non-configurable unless its target has it, and an ES module's are.
    return descriptor && { ...descriptor, configurable: true };
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
});

/** Types of arquero's tables under the name of the preloaded module, for annotations such as `let t: aq.ColumnTable`. */
export declare namespace aq {
  type ColumnTable = Arquero.ColumnTable;
  type Table = Arquero.Table;
}

/** Returns the proxy's target. util.inspect() shows a proxy's target, so the target shows the module. */
function inspectableTarget(): ArqueroModule {
  const target = {};
  Object.defineProperty(target, inspect.custom, { value: () => arquero(), configurable: true });
  return target as ArqueroModule;
}

/** The methods of an arquero table that tskeras reads, present in arquero 5 to 8. */
const tableMethods = ["numRows", "numCols", "columnNames", "array", "getter", "indices"] as const;

/**
 * Returns whether value is an arquero table. The test looks at the methods, not the class, so tables
 * made by another copy of arquero, such as one installed in the notebook's folder, count too, and
 * checking a value never loads arquero.
 */
export function isTable(value: unknown): value is ColumnTable {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return tableMethods.every((method) => typeof record[method] === "function");
}
