import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelClient, type ExecuteResult, type IopubMessage } from "../../src/notebook/client";

// Integration tests start the compiled kernel from dist/ over real ZeroMQ sockets; `npm test` builds it first.

export interface KernelFixture {
  client: KernelClient;
  /** The kernel's working directory: the notebook's folder, new and empty unless prepare wrote to it. */
  folder: string;
}

/**
 * Starts a kernel in a new temporary folder, in English with type checking on; prepare writes files
 * there first, and env adds variables to the kernel's environment.
 */
export async function startKernel(
  name: string,
  prepare: (folder: string) => void = () => undefined,
  env: NodeJS.ProcessEnv = {},
): Promise<KernelFixture> {
  const folder = mkdtempSync(join(tmpdir(), `tskeras-${name}-test-`));
  prepare(folder);
  const client = await KernelClient.start({ cwd: folder, env: { ...process.env, TSKERAS_LANG: "en", TSKERAS_TYPECHECK: "", ...env } });
  return { client, folder };
}

/** The execute_reply of a cell that the type checker stopped before it ran. */
export const TYPE_CHECK_ERROR = { status: "error", ename: "TypeCheckError" };

export async function stopKernel(fixture: Partial<KernelFixture>): Promise<void> {
  await fixture.client?.shutdown();
  if (fixture.folder) rmSync(fixture.folder, { recursive: true, force: true });
}

export function ofType(result: ExecuteResult, msgType: string): IopubMessage[] {
  return result.iopub.filter((message) => message.header.msg_type === msgType);
}

/** Returns the text/plain of a cell's execute_result, or undefined when it showed no value. */
export function resultText(result: ExecuteResult): string | undefined {
  const data = ofType(result, "execute_result")[0]?.content.data as Record<string, unknown> | undefined;
  return data?.["text/plain"] as string | undefined;
}

/** Joins the text of a cell's stream messages, of one stream or of both. */
export function streamText(result: ExecuteResult, name?: "stdout" | "stderr"): string {
  return ofType(result, "stream")
    .filter((message) => name === undefined || message.content.name === name)
    .map((message) => String(message.content.text))
    .join("");
}

/** Writes a package's files, by their names in the package, into node_modules of a notebook's folder. */
export function writePackage(notebookFolder: string, name: string, files: Record<string, string>): void {
  const packageFolder = join(notebookFolder, "node_modules", name);
  mkdirSync(packageFolder, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(packageFolder, file), text);
}

/** Returns the package.json of a CommonJS package with index.js and its declarations in index.d.ts. */
export function commonJsPackageJson(name: string): string {
  return JSON.stringify({ name, version: "1.0.0", main: "index.js", types: "index.d.ts" });
}
