import { currentSink } from "../display/scope";
import { messages } from "../i18n";
import { CellOutput } from "./cell-output";
import type { ExecutorRequest } from "./ipc";

type InputReply = Extract<ExecutorRequest, { type: "input_reply" }>;

// The cells waiting for the front end's input_reply, by request id. A cell waits for one reply at a time.
const waiting = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();

/** Asks the front end for a line of text through Jupyter's stdin channel, for the running cell. */
export function requestInput(prompt: string, password: boolean): Promise<string> {
  const sink = currentSink();
  if (!(sink instanceof CellOutput) || !process.send) return Promise.reject(new Error(messages().kernel.inputOutsideCell()));

  // Text printed before the question shows above the prompt.
  sink.flush();
  return new Promise((resolve, reject) => {
    waiting.set(sink.requestId, { resolve, reject });
    process.send!({ type: "input_request", requestId: sink.requestId, prompt, password });
  });
}

/** Settles the question of a cell with the front end's answer, or with the reason there is none. */
export function receiveInputReply(reply: InputReply): void {
  const question = waiting.get(reply.requestId);
  if (!question) return;
  waiting.delete(reply.requestId);
  if (reply.value !== undefined) question.resolve(reply.value);
  else question.reject(new Error(reply.error ?? messages().kernel.inputNotAllowed()));
}
