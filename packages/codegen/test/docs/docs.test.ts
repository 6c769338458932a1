import { defineContract } from "@socket-contract/contract";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { renderDocsPage } from "../../src/docs/render-docs.js";
import * as kitchenSink from "../asyncapi/fixtures/kitchen-sink.js";
import * as chatExample from "../fixtures/chat-app.js";
import * as streamFixture from "../fixtures/stream-contract.js";
import * as tenants from "../fixtures/tenants/contract.js";

/** The text of an HTML fragment, tags dropped and entities read, as a reader sees it. */
function textOf(html: string): string {
  return html
    .replace(/<script>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("socket-contract docs: the page", () => {
  const page = renderDocsPage(chatExample.contract, { exports: chatExample });

  it("lists every namespace and every event by direction, with its description", () => {
    const text = textOf(page);
    for (const [direction, events] of Object.entries({
      clientToServer: chatExample.contract.namespaces["/chat"].clientToServer,
      serverToClient: chatExample.contract.namespaces["/chat"].serverToClient,
    })) {
      for (const [name, event] of Object.entries(events)) {
        expect(page, `${direction} ${name}`).toContain(
          `id="event-chat-${direction === "clientToServer" ? "c2s" : "s2c"}-${name.replace(/:/g, "-")}"`,
        );
        expect(text).toContain(event.description!);
      }
    }
    expect(text).toContain("Client → server");
    expect(text).toContain("8 events");
    expect(text).toContain("Server → client");
    expect(text).toContain("4 events");
  });

  it("shows payload fields with their limits, acks, custom errors, auth and examples for both sides", () => {
    const text = textOf(page);
    expect(text).toMatch(/payload\.bytes\s*Uint8Array\s*required\s*1–2,000,000 bytes/);
    expect(text).toMatch(/payload\.text\s*string\s*required\s*1–1,000 characters/);
    expect(text).toContain("NOT_IN_ROOM");
    expect(text).toContain("ROOM_FULL");
    expect(text).toMatch(/name\s*string\s*required\s*1–32 characters/);
    expect(text).toContain('const ack = await chat.emit(\n  "message:send",\n  { room: "room", text: "text" },\n);');
    expect(text).toContain('chat.on("ping", () => {');
    expect(text).toContain("bytes: new Uint8Array([137, 80, 78, 71])");
    expect(text).toContain('io("https://example.com/chat", { auth: { name: "name" } })');
  });

  it("links every shared type to its definition, and every link lands on an element", () => {
    const ids = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
    const targets = [...page.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]!);
    expect(targets.length).toBeGreaterThan(20);
    expect(targets.filter((target) => !ids.has(target))).toEqual([]);
    expect(page).toContain('<a class="type-link" href="#type-message">Message</a>');
    expect([...page.matchAll(/ id="([^"]+)"/g)].length).toBe(ids.size);
  });

  it("is one self-contained file, the same bytes every time", () => {
    expect(page).not.toMatch(/<link |<script src=|https?:\/\/(?!example\.com)/);
    expect(renderDocsPage(chatExample.contract, { exports: chatExample })).toBe(page);
  });

  it("renders every fixture, the main namespace and events between servers included", () => {
    const text = textOf(renderDocsPage(kitchenSink.contract, { exports: kitchenSink }));
    expect(text).toContain("Between servers");
    expect(text).toContain('server.serverSideEmit("cache:invalidate", "text");');
    expect(text).toContain('socket.emit("hello");');
    expect(text).toMatch(/Folder\s*object/);
  });

  it("treats everything the contract says as text, never as markup", () => {
    const hostile = defineContract({
      name: "<img src=x onerror=alert(1)>",
      version: '1.0.0"><script>alert(2)</script>',
      description: 'Uses `<b>` tags & "quotes".',
      namespaces: {
        "/x": {
          clientToServer: {
            "<script>": {
              description: "</article><script>alert(3)</script>",
              args: [z.object({ "<k>": z.literal("</td>") })],
            },
          },
        },
      },
    });
    const html = renderDocsPage(hostile);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toContain("<img");
    expect(html).toContain("<code>&lt;b&gt;</code> tags &amp; &quot;quotes&quot;.");
  });
});

describe("socket-contract docs: streams", () => {
  const page = renderDocsPage(streamFixture.streamContract, { exports: streamFixture });
  const text = textOf(page);
  const html = (id: string): string =>
    page.slice(page.indexOf(`id="${id}"`), page.indexOf("</article>", page.indexOf(`id="${id}"`)));
  const card = (id: string): string => textOf(html(id));

  it("describes a stream's items, its end value and its frames", () => {
    const count = card("event-s-c2s-count");
    expect(count).toContain("streams items");
    expect(html("event-s-c2s-count")).toMatch(
      /Items the responder sends<\/div><table[\s\S]*?<td class="name">i<\/td><td class="type">integer<\/td>/,
    );
    expect(count).toContain("Acknowledgement (ends the stream)");
    expect(count).toContain("contract:open");
    expect(count).toContain("contract:credit");
    expect(count).toContain("contract:end with the acknowledgement");
    expect(count).toMatch(/const stream = s\.stream\(\s*"count",/);
    expect(count).toContain("for await (const item of stream) render(item);");
    expect(count).toMatch(/socket\.on\("count", async function\* \(payload\) \{\s*yield \{ i: /);
  });

  it("describes an upload's items, with the limits its streamOf() declares", () => {
    const upload = card("event-s-c2s-upload");
    expect(upload).toContain("streams uploads");
    expect(upload).toContain("binary");
    expect(html("event-s-c2s-upload")).toMatch(
      /Items the requester sends<\/div><table[\s\S]*?<td class="type">Uint8Array<\/td>/,
    );
    expect(upload).toContain("for await (const part of items) save(part);");
    expect(upload).toContain("chunks()");
    expect(text).toContain("Items the requester sends");
  });
});

describe("socket-contract docs: dynamic namespaces", () => {
  const page = renderDocsPage(tenants.contract, { exports: tenants });
  const section = (path: string): string =>
    textOf(page.slice(page.indexOf(`<h2>${path}</h2>`), page.indexOf("</section>", page.indexOf(`<h2>${path}</h2>`))));

  it("shows a pattern's parameters, its params schema, and connects to a concrete path it accepts", () => {
    const org = section("/org/:orgId");
    expect(org).toContain("Path parameters");
    expect(org).toContain(
      "One namespace per concrete path: :orgId stands for any non-empty segment, checked by the schema below before any middleware runs",
    );
    expect(org).toMatch(/bindClient\(contract, "\/org\/[a-z0-9-]+", io\("https:\/\/example\.com\/org\/[a-z0-9-]+"/);
    expect(section("/admin/:section")).toMatch(/bindClient\(contract, "\/admin\/(users|billing)"/);
    expect(section("/admin")).not.toContain("Path parameters");
  });

  it("connects to a path whose number parameters its params schema accepts", () => {
    // A numeric parameter (z.coerce.number()) was shown by its name, /team/teamId, a path the
    // schema refuses: a reader who copied the example got connect_error INVALID_PAYLOAD.
    const params = z.object({ orgId: z.string().min(2), teamId: z.coerce.number().int().positive() });
    const teams = defineContract({
      name: "teams",
      version: "1.0.0",
      namespaces: { "/org/:orgId/team/:teamId": { params, clientToServer: { hi: { args: [] } } } },
    });
    const path = /bindClient\(contract, "([^"]+)"/.exec(textOf(renderDocsPage(teams, { exports: { teams } })))?.[1];
    const [, orgId, teamId] = /^\/org\/([^/]+)\/team\/([^/]+)$/.exec(path ?? "") ?? [];
    expect(params.safeParse({ orgId, teamId }).success).toBe(true);
  });
});
