import { describe, expect, it } from "vitest";
import { BUILT_IN_ERROR_CODES, ContractError } from "../src/index.js";

describe("ContractError", () => {
  it("carries code, message, data, issues and cause", () => {
    const cause = new Error("inner");
    const error = new ContractError("ROOM_FULL", {
      data: { capacity: 5 },
      issues: [{ path: [0], code: "x", message: "y" }],
      cause,
      event: "e",
      namespace: "/n",
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: "ContractError",
      code: "ROOM_FULL",
      message: "ROOM_FULL",
      data: { capacity: 5 },
      event: "e",
      namespace: "/n",
    });
    expect(error.cause).toBe(cause);
    expect(new ContractError("TIMEOUT").message).toBe("No acknowledgement arrived in time.");
  });

  it("is recognised by shape, across copies of the package", () => {
    const foreign = Object.assign(new Error("x"), { name: "ContractError", code: "TIMEOUT" });
    expect(ContractError.is(foreign)).toBe(true);
    expect(ContractError.is(foreign, "TIMEOUT")).toBe(true);
    expect(ContractError.is(foreign, "INVALID_ACK")).toBe(false);
    expect(ContractError.is(new Error("x"))).toBe(false);
    expect(ContractError.is({ name: "ContractError", code: "X" })).toBe(false);
  });

  it("has the built-in codes of the design", () => {
    expect(BUILT_IN_ERROR_CODES).toEqual(
      expect.arrayContaining([
        "INVALID_PAYLOAD",
        "INVALID_ACK",
        "UNKNOWN_EVENT",
        "MISSING_ACK",
        "HANDLER_ERROR",
        "TIMEOUT",
        "UNAUTHORIZED",
        "FORBIDDEN",
      ]),
    );
  });

  it("gives FORBIDDEN a message that says nothing of the input", () => {
    expect(new ContractError("FORBIDDEN").message).toBe("This connection may not send this event.");
  });
});
