import type { Completeness, Completions, MimeBundle } from "../protocol/introspection";
import type { CheckerGlobals } from "./checker";
import { checkCompleteness } from "./completeness";
import { CellCompleter } from "./completions";
import { inspectCell } from "./inspection";
import { CellLanguageService } from "./language-service";

/**
 * Completion, inspection and the completeness check for the cell being edited. Completion and
 * inspection see the types of the preloaded API and of earlier cells as the type checker does.
 * Cursors and offsets are UTF-16 offsets into the code.
 */
export class CellIntrospection {
  private readonly service: CellLanguageService;
  private readonly completer: CellCompleter;

  constructor(folder: string, loadGlobals: (code: string) => CheckerGlobals) {
    this.service = new CellLanguageService(folder, loadGlobals);
    this.completer = new CellCompleter(this.service);
  }

  complete(code: string, cursor: number): Completions {
    return this.completer.complete(code, cursor);
  }

  /** Describes the name at cursor, or with nameOnly false the call around it when the name is not found. */
  inspect(code: string, cursor: number, detailLevel: 0 | 1, nameOnly = false): MimeBundle | undefined {
    return inspectCell(this.service, code, cursor, detailLevel, nameOnly);
  }

  isComplete(code: string): Completeness {
    return checkCompleteness(code);
  }
}
