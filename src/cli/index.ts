#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { messages, type Language } from "../i18n";
import { startKernel } from "../kernel/main";
import { runNotebook } from "../notebook/runner";
import { TYPECHECK_MODES, type TypecheckMode } from "../runtime/ipc";
import { installKernelspec, type InstallScope } from "./install";

const VERSION = (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;

/** Runs the `tskeras` command (install, run or kernel) and returns its exit code, or -1 for a kernel that keeps running. */
async function main(argv: string[]): Promise<number> {
  const text = messages().cli;
  const [command, ...args] = argv;

  switch (command) {
    case "kernel": {
      const connectionFile = option(args, "--connection-file") ?? args.find((arg) => !arg.startsWith("-"));
      if (!connectionFile) return usage();
      await startKernel(connectionFile, VERSION);
      return -1;
    }

    case "install": {
      let scope: InstallScope = { kind: "user" };
      if (args.includes("--sys-prefix")) scope = { kind: "sys-prefix" };
      const prefix = option(args, "--prefix");
      if (prefix) scope = { kind: "prefix", folder: prefix };
      const lang = option(args, "--lang");
      if (lang !== undefined && lang !== "es" && lang !== "en") {
        console.error(text.invalidOption("--lang", lang, "es or en"));
        return 2;
      }
      const typecheck = option(args, "--typecheck");
      if (typecheck !== undefined && !(TYPECHECK_MODES as readonly string[]).includes(typecheck)) {
        console.error(text.invalidOption("--typecheck", typecheck, "error, warn or off"));
        return 2;
      }
      const folder = installKernelspec({ scope, language: lang as Language | undefined, typecheck: typecheck as TypecheckMode | undefined });
      console.log(text.installed("tskeras", folder));
      return 0;
    }

    case "run": {
      const notebook = args.find((arg, i) => !arg.startsWith("-") && args[i - 1] !== "--output");
      if (!notebook) return usage();
      const summary = await runNotebook(notebook, { output: option(args, "--output") });
      return summary.failedCell === undefined ? 0 : 1;
    }

    default:
      return usage();
  }
}

/** Returns the value after flag, whether written `--flag value` or `--flag=value`. */
function option(args: string[], flag: string): string | undefined {
  const inline = args.find((arg) => arg.startsWith(flag + "="));
  if (inline) return inline.slice(flag.length + 1);
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

function usage(): number {
  console.error(messages().cli.usage());
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    // The kernel keeps running until a shutdown_request; every other command ends here.
    if (code >= 0) process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
