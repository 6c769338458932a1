import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "@stoplight/yaml";
import { describe, expect, it } from "vitest";
import { buildAsyncApi } from "../../src/asyncapi/build-asyncapi.js";
import * as chatExample from "../fixtures/chat-app.js";
import { fixturesDir, runCli } from "../support/cli.js";
import { tempDir } from "../support/temp.js";

const slow = { timeout: 180_000 };
const contractFile = join(fixturesDir, "chat-app.ts");

describe("socket-contract asyncapi <contract> --out", () => {
  it("writes YAML or JSON by the file's extension, the document the module builds", slow, async () => {
    const dir = tempDir();
    const yaml = await runCli(["asyncapi", contractFile, "--out", join(dir, "api/asyncapi.yaml")]);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout.trim()).toBe(`wrote ${join(dir, "api/asyncapi.yaml")} (AsyncAPI 3.0, YAML, chat 1.0.0)`);
    const expected = buildAsyncApi(chatExample.contract, { exports: chatExample });
    expect(parseYaml(readFileSync(join(dir, "api/asyncapi.yaml"), "utf8"))).toEqual(expected);

    const json = await runCli(["asyncapi", contractFile, "--format", "json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);
  });

  it("refuses an output file whose format it cannot tell, with exit 2 and one line", slow, async () => {
    const result = await runCli(["asyncapi", contractFile, "--out", join(tempDir(), "asyncapi.txt")]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^socket-contract: cannot tell the format of .*asyncapi\.txt: name it \.yaml, \.yml or \.json, or pass --format$/,
    );
  });
});
