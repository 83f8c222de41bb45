// The floor for any out-of-process tool call: a forked child that answers each IPC message at once.
process.on("message", (m) => process.send({ type: "result", outcome: { status: "ok", result: m.args } }));
process.send({ type: "ready" });
