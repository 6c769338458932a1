import { describe, expect, it } from "vitest";
import { ContractError, type IncomingCall, type Interceptor, type Outcome, type OutgoingPacket } from "../src/index.js";
import { InterceptorSet, type IncomingRun, runIncoming, runOutgoing } from "../src/protocol/index.js";

// The chain runner alone; the runtimes' tests run it over real sockets.
const call = {
  side: "server",
  namespace: "/chat",
  event: "message:send",
  args: [{ text: "hi" }],
  hasAck: true,
  socket: undefined,
  carrier: {},
  size: () => 0,
} as IncomingCall;
const packet = {
  side: "client",
  kind: "emit",
  namespace: "/chat",
  event: "message:send",
  args: [{ text: "hi" }],
  hasAck: true,
  socket: undefined,
  carrier: {},
  size: () => 0,
} as OutgoingPacket;

function runner() {
  const log: string[] = [];
  const refused: unknown[] = [];
  const reported: ContractError[] = [];
  let handled = 0;
  const run: IncomingRun = {
    handle: async () => {
      handled++;
      log.push("handler");
      return { ok: true, value: "ack", duration: 1 };
    },
    refuse: (thrown) => {
      refused.push(thrown);
      const error = ContractError.is(thrown) ? thrown : new ContractError("HANDLER_ERROR");
      return { ok: false, error, duration: 0 };
    },
    report: (error) => reported.push(error),
  };
  return { run, log, refused, reported, handled: () => handled };
}

function steps(...interceptors: Interceptor[]) {
  const set = new InterceptorSet();
  interceptors.forEach((interceptor, index) => set.add(interceptor, `interceptors[${index}]`));
  return set;
}

describe("incoming interceptors", () => {
  it("run in registration order around the handler, and each sees the outcome", async () => {
    const { run, log } = runner();
    const seen: Outcome[] = [];
    const named = (name: string): Interceptor => ({
      incoming: async (_call, next) => {
        log.push(`${name} before`);
        const outcome = await next();
        seen.push(outcome);
        log.push(`${name} after`);
      },
    });
    const outcome = await runIncoming(steps(named("a"), named("b")).incoming, call, run);
    expect(log).toEqual(["a before", "b before", "handler", "b after", "a after"]);
    expect(outcome).toEqual({ ok: true, value: "ack", duration: 1 });
    expect(seen).toEqual([outcome, outcome]);
  });

  it("refuse with what they throw before next(); the handler does not run and earlier ones see the code", async () => {
    const { run, refused, handled } = runner();
    let outer: Outcome | undefined;
    const forbidden = new ContractError("FORBIDDEN");
    const outcome = await runIncoming(
      steps(
        { incoming: async (_call, next) => void (outer = await next()) },
        {
          incoming: () => {
            throw forbidden;
          },
        },
      ).incoming,
      call,
      run,
    );
    expect(handled()).toBe(0);
    expect(refused).toEqual([forbidden]);
    expect(outcome.ok === false && outcome.error.code).toBe("FORBIDDEN");
    expect(outer).toEqual(outcome);
  });

  it("hand a non-ContractError to the runtime as thrown (it becomes HANDLER_ERROR, the original goes to onError)", async () => {
    const { run, refused } = runner();
    const thrown = new Error("database down");
    const outcome = await runIncoming(steps({ incoming: async () => Promise.reject(thrown) }).incoming, call, run);
    expect(refused).toEqual([thrown]);
    expect(outcome.ok === false && outcome.error.code).toBe("HANDLER_ERROR");
  });

  it("report what they throw after next(), since the answer has gone", async () => {
    const { run, refused, reported, handled } = runner();
    const outcome = await runIncoming(
      steps({
        incoming: async (_call, next) => {
          await next();
          throw new Error("late");
        },
      }).incoming,
      call,
      run,
    );
    expect(handled()).toBe(1);
    expect(refused).toEqual([]);
    expect(outcome.ok).toBe(true);
    expect(reported.map((error) => [error.code, (error.cause as Error).message])).toEqual([["HANDLER_ERROR", "late"]]);
  });

  it("refuse with HANDLER_ERROR when one settles without calling next(), and a late next() runs nothing", async () => {
    const { run, refused, handled } = runner();
    let late: (() => Promise<Outcome>) | undefined;
    const outcome = await runIncoming(steps({ incoming: (_call, next) => void (late = next) }).incoming, call, run);
    expect(outcome.ok === false && outcome.error.code).toBe("HANDLER_ERROR");
    expect((refused[0] as ContractError).message).toBe("An interceptor neither called next() nor refused the event.");
    expect(await late!()).toEqual(outcome);
    expect(handled()).toBe(0);
  });

  it("run the handler once when next() is called twice", async () => {
    const { run, handled } = runner();
    await runIncoming(steps({ incoming: async (_call, next) => Promise.all([next(), next()]) }).incoming, call, run);
    expect(handled()).toBe(1);
  });

  it("follow their server's set: a namespace runs the server's first, even those added later", async () => {
    const { run, log } = runner();
    const server = new InterceptorSet();
    const namespace = new InterceptorSet(server);
    const named = (name: string): Interceptor => ({ incoming: (_call, next) => (log.push(name), next()) });
    namespace.add(named("namespace"), "namespace");
    server.add(named("server"), "server");
    await runIncoming(namespace.incoming, call, run);
    expect(log).toEqual(["server", "namespace", "handler"]);
  });

  it("refuse a malformed interceptor at registration, naming the place", () => {
    expect(() => new InterceptorSet().add({ incoming: "yes" } as never, "bindServer options.interceptors[0]")).toThrow(
      "[socket-contract] bindServer options.interceptors[0]: an interceptor's incoming must be a function",
    );
  });
});

describe("outgoing interceptors", () => {
  it("run in order before the packet leaves, and every observer hears the outcome", () => {
    const heard: string[] = [];
    const tell = runOutgoing(
      steps(
        { outgoing: () => (outcome) => heard.push(`a ${outcome.ok}`) },
        { outgoing: () => undefined },
        { outgoing: () => (outcome) => heard.push(`c ${outcome.ok}`) },
      ).outgoing,
      packet,
      () => {},
    );
    expect(heard).toEqual([]);
    tell!({ ok: true, value: "ack", duration: 3 });
    expect(heard).toEqual(["a true", "c true"]);
  });

  it("refuse by throwing: the packet's sender gets the ContractError, observers already registered hear of it", () => {
    const heard: Outcome[] = [];
    const set = steps(
      { outgoing: () => (outcome) => heard.push(outcome) },
      {
        outgoing: () => {
          throw new ContractError("FORBIDDEN");
        },
      },
    );
    expect(() => runOutgoing(set.outgoing, packet, () => {})).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(heard.map((outcome) => outcome.ok === false && outcome.error.code)).toEqual(["FORBIDDEN"]);
  });

  it("turn anything else thrown into HANDLER_ERROR, the original told to onError", () => {
    const reported: ContractError[] = [];
    const set = steps({
      outgoing: () => {
        throw new TypeError("bug");
      },
    });
    expect(() => runOutgoing(set.outgoing, packet, (error) => reported.push(error))).toThrow(
      expect.objectContaining({ code: "HANDLER_ERROR", message: "An interceptor failed." }),
    );
    expect((reported[0]!.cause as Error).message).toBe("bug");
  });

  it("cost nothing when none observes", () => {
    expect(runOutgoing(steps({ outgoing: () => {} }).outgoing, packet, () => {})).toBeUndefined();
  });
});
