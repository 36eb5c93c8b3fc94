import type { IopubMessage, KernelClient } from "../../src/notebook/client";
import { ofType, resultText, startKernel, stopKernel } from "./fixture";

// Jupyter comms between cells and the front end, which widget libraries build on.

let client: KernelClient;
let folder: string;

beforeAll(async () => {
  ({ client, folder } = await startKernel("comms"));
}, 120_000);

afterAll(() => stopKernel({ client, folder }));

/**
 * Sends a comm message as a front end would and returns the iopub messages it caused. Comm messages
 * get no reply, so the messages are collected for a while.
 */
async function sendComm(msgType: string, content: Record<string, unknown>): Promise<IopubMessage[]> {
  const { msgId, frames } = client.encode(msgType, content);
  const collected = client.collectIopub(msgId, 500);
  await client.sendRawShell(frames);
  return collected;
}

function streamOf(messages: IopubMessage[]): string {
  return messages.filter((message) => message.header.msg_type === "stream").map((message) => String(message.content.text)).join("");
}

function commMessages(messages: IopubMessage[], msgType: string): Record<string, unknown>[] {
  return messages.filter((message) => message.header.msg_type === msgType).map((message) => message.content);
}

async function openComms(): Promise<Record<string, { target_name: string }>> {
  const { reply } = await client.requestShell("comm_info_request", {});
  return reply.comms as Record<string, { target_name: string }>;
}

describe("comms", () => {
  it("accepts a comm that the front end opens to a registered target", async () => {
    const registered = await client.execute(
      [
        'comms.registerTarget("echo", (comm, message) => {',
        '  comm.onMessage((received) => {',
        '    console.log("got", received.data.value);',
        "    comm.send({ echoed: received.data.value });",
        "  });",
        '  comm.onClose(() => console.log("closed"));',
        "  comm.send({ opened: message.data.hello });",
        "});",
      ].join("\n"),
    );
    expect(registered.reply.status).toBe("ok");

    const opened = await sendComm("comm_open", { comm_id: "comm-1", target_name: "echo", data: { hello: "hola" } });
    expect(commMessages(opened, "comm_msg")).toEqual([{ comm_id: "comm-1", data: { opened: "hola" } }]);
    expect(await openComms()).toEqual({ "comm-1": { target_name: "echo" } });

    const echoed = await sendComm("comm_msg", { comm_id: "comm-1", data: { value: 5 } });
    expect(streamOf(echoed)).toBe("got 5\n");
    expect(commMessages(echoed, "comm_msg")).toEqual([{ comm_id: "comm-1", data: { echoed: 5 } }]);

    const closed = await sendComm("comm_close", { comm_id: "comm-1", data: {} });
    expect(streamOf(closed)).toBe("closed\n");
    expect(await openComms()).toEqual({});
  });

  it("closes at once a comm opened to an unknown target", async () => {
    const opened = await sendComm("comm_open", { comm_id: "comm-2", target_name: "nobody", data: {} });
    const closes = commMessages(opened, "comm_close");
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ comm_id: "comm-2", data: { error: 'no comm target "nobody" is registered' } });
    expect(await openComms()).toEqual({});
  });

  it("opens a comm from a cell and lists it by target", async () => {
    const result = await client.execute('const chart = comms.open("plot-updates", { points: 3 });\nchart.targetName');
    expect(resultText(result)).toBe("'plot-updates'");
    const opens = commMessages(result.iopub, "comm_open");
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({ target_name: "plot-updates", data: { points: 3 } });

    const commId = String(opens[0].comm_id);
    const { reply } = await client.requestShell("comm_info_request", { target_name: "plot-updates" });
    expect(reply.comms).toEqual({ [commId]: { target_name: "plot-updates" } });

    const closing = await client.execute("chart.close();\nchart.send({ late: true });");
    expect(ofType(closing, "comm_close")).toHaveLength(1);
    expect(closing.reply).toMatchObject({ status: "error" });
    expect(String(closing.reply.evalue)).toContain("is closed; open a new one to send");
  });
});
