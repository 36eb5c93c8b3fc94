#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { currentLanguage, messages, type Language } from "../i18n";
import { startKernel } from "../kernel/main";
import { runNotebook } from "../notebook/runner";
import { TYPECHECK_MODES, type TypecheckMode } from "../runtime/ipc";
import { parseArguments, UsageError, type OptionSpec } from "./arguments";
import { installKernelspec, type InstallScope } from "./install";

const VERSION = (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;

const LANGUAGES: readonly Language[] = ["es", "en"];

/** The values of the options that take one of a fixed set. */
const ACCEPTED_VALUES: Record<string, readonly string[]> = { "--lang": LANGUAGES, "--typecheck": TYPECHECK_MODES };

const OPTIONS: Record<string, OptionSpec> = {
  kernel: { withValue: ["--connection-file"], flags: [] },
  install: { withValue: ["--prefix", "--lang", "--typecheck"], flags: ["--user", "--sys-prefix"] },
  run: { withValue: ["--output"], flags: [] },
};

/** Runs the `tskeras` command (install, run or kernel) and returns its exit code, or -1 for a kernel that keeps running. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `tskeras run --help` requests help too. The usage text describes every command.
  if (command === "--help" || command === "-h" || command === "help" || rest.includes("--help") || rest.includes("-h")) {
    console.log(messages().cli.usage());
    return 0;
  }
  const spec = OPTIONS[command ?? ""];
  if (!spec) return usage();

  let args;
  try {
    args = parseArguments(rest, spec, (problem, option) =>
      problem === "unknown" ? messages().cli.unknownOption(option) : messages().cli.missingOptionValue(option, ACCEPTED_VALUES[option]),
    );
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }

  switch (command) {
    case "kernel": {
      const connectionFile = args.values.get("--connection-file") ?? args.positional[0];
      if (!connectionFile) return usage();
      await startKernel(connectionFile, VERSION);
      return -1;
    }

    case "install": {
      const lang = args.values.get("--lang");
      if (lang !== undefined && !(LANGUAGES as readonly string[]).includes(lang)) {
        console.error(messages().cli.invalidOption("--lang", lang, LANGUAGES));
        return 2;
      }
      // The learner chose a language for the kernel; this command's own message uses it too.
      const text = messages((lang as Language | undefined) ?? currentLanguage()).cli;
      const typecheck = args.values.get("--typecheck");
      if (typecheck !== undefined && !(TYPECHECK_MODES as readonly string[]).includes(typecheck)) {
        console.error(text.invalidOption("--typecheck", typecheck, TYPECHECK_MODES));
        return 2;
      }

      const prefix = args.values.get("--prefix");
      const scope: InstallScope = prefix ? { kind: "prefix", folder: prefix } : args.flags.has("--sys-prefix") ? { kind: "sys-prefix" } : { kind: "user" };
      const folder = installKernelspec({ scope, language: lang as Language | undefined, typecheck: typecheck as TypecheckMode | undefined });
      console.log(text.installed("tskeras", folder));
      return 0;
    }

    case "run": {
      const [notebook, ...extra] = args.positional;
      if (!notebook || extra.length > 0) return usage();
      const summary = await runNotebook(notebook, { output: args.values.get("--output") });
      return summary.failedCell === undefined ? 0 : 1;
    }
  }
  return usage();
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
