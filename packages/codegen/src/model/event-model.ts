import { type EventDefinition, type EventMap, streamOfInfo } from "@socket-contract/contract";
import { argumentNames } from "./argument-names.js";
import type { ArgumentModel, EventModel, TypePair } from "./contract-model.js";
import { camelCase, identifierOf, pascalCase } from "./naming.js";
import { type RenderContext, type Site, declaredNamesOf, renderDeclarationBody } from "./render-schema.js";
import type { DeclaredNames } from "./scope-builder.js";
import { definitionPlace } from "./static-types.js";
import { type TypeNode, keyword, reference, union } from "./type-node.js";
import type { ZodLike } from "./zod-def.js";

const CONTRACT_PACKAGE = "@socket-contract/contract";

type Place = readonly (string | number)[];

/**
 * The models of one direction's events, sorted by wire name. An event name used in both
 * directions gets its sender in its generated names (`ClientTyping`, `ServerTyping`).
 *
 * @example
 * eventModels(namespace.clientToServer, ["namespaces", "/chat", "clientToServer"], new Set(), context, "Client");
 */
export function eventModels(
  events: EventMap | undefined,
  base: Place,
  shared: ReadonlySet<string>,
  context: RenderContext,
  sender?: string,
): EventModel[] {
  if (events === undefined) return [];
  return Object.keys(events)
    .sort()
    .map((name) => {
      const place = [...base, name];
      const own = identifierOf(name, definitionPlace(place));
      const stem = shared.has(name) && sender !== undefined ? `${sender}${own}` : own;
      return eventModel(name, stem, events[name]!, place, context);
    });
}

function eventModel(
  name: string,
  stem: string,
  event: EventDefinition,
  place: Place,
  context: RenderContext,
): EventModel {
  const single = event.args.length === 1;
  const names = argumentNames(event.args, place);
  let upload: TypePair | undefined;
  const args: ArgumentModel[] = event.args.map((schema, index) => {
    const typeName = single ? `${stem}Payload` : `${stem}Arg${index}`;
    const argPlace = [...place, "args", index];
    const doc = docOf(event, single ? "payload" : `argument ${index}`, name);
    const items = streamOfInfo(schema);
    if (items === undefined)
      return {
        name: names[index]!,
        ...pairOf(rootDeclaration(schema as ZodLike, typeName, siteOf(argPlace, typeName), doc, context)),
      };
    upload = uploadItems(items.item as ZodLike, `${stem}UploadItem`, argPlace, name, context);
    return {
      name: names[index]!,
      ...pairOf(declareUploadArgument(typeName, upload, definitionPlace(argPlace), doc, context)),
    };
  });
  const ack =
    event.ack === undefined
      ? undefined
      : pairOf(
          rootDeclaration(
            event.ack as ZodLike,
            `${stem}Ack`,
            siteOf([...place, "ack"], `${stem}Ack`),
            docOf(event, "acknowledgement", name),
            context,
          ),
        );
  const stream =
    event.stream === undefined
      ? undefined
      : pairOf(
          rootDeclaration(
            event.stream as ZodLike,
            `${stem}Item`,
            siteOf([...place, "stream"], `${stem}Item`),
            docOf(event, "stream item", name),
            context,
          ),
        );
  const errors = Object.keys(event.errors ?? {})
    .sort()
    .map((code) => {
      const typeName = `${stem}${identifierOf(code, definitionPlace([...place, "errors", code]))}ErrorData`;
      const site = siteOf([...place, "errors", code], typeName);
      return {
        code,
        data: pairOf(
          rootDeclaration(
            event.errors![code] as ZodLike,
            typeName,
            site,
            `The \`data\` of a \`${code}\` error from \`${name}\`.`,
            context,
          ),
        ),
      };
    });
  // A stream ends with an error as an ack-bearing call rejects with one, so both get the union.
  if (ack !== undefined || stream !== undefined || upload !== undefined)
    declareErrorUnion(`${stem}Error`, name, errors, definitionPlace(place), context);
  return {
    name,
    pascal: stem,
    camel: camelCase(name),
    listener: `on${pascalCase(name)}`,
    ...optionalDescription(event.description),
    args,
    ...(ack === undefined ? {} : { ack }),
    ...(stream === undefined ? {} : { stream }),
    ...(upload === undefined ? {} : { upload }),
    errors,
  };
}

/** The items of a `streamOf()` argument, declared as `UploadUploadItem` (and its input form). */
function uploadItems(item: ZodLike, name: string, argPlace: Place, event: string, context: RenderContext): TypePair {
  // The checker reaches the item through the types-only `"~streamOf"` key of `StreamOfSchema`.
  const site: Site = {
    path: { definition: [...argPlace, "~streamOf"], def: [] },
    place: `${definitionPlace(argPlace)}.item`,
    stem: name,
    depth: 0,
  };
  return pairOf(rootDeclaration(item, name, site, `One item the requester of \`${event}\` sends.`, context));
}

/** A `streamOf()` argument: a `StreamSource` of the items' input for the sender, an `AsyncIterable` of their output for the handler. */
function declareUploadArgument(
  name: string,
  items: TypePair,
  owner: string,
  description: string,
  context: RenderContext,
): DeclaredNames {
  return context.scope.declareSchema(undefined, name, owner, description, (side) =>
    side === "input"
      ? reference("StreamSource", [items.input], CONTRACT_PACKAGE)
      : reference("AsyncIterable", [items.output]),
  );
}

/** `MessageSendError`: every `ContractError` an ack-bearing call or a stream can end with, custom codes with their typed `data`. */
function declareErrorUnion(
  name: string,
  event: string,
  errors: EventModel["errors"],
  owner: string,
  context: RenderContext,
): void {
  const contractError = (code: TypeNode, data: TypeNode): TypeNode =>
    reference("ContractError", [code, data], CONTRACT_PACKAGE);
  const type = union([
    contractError(reference("BuiltInErrorCode", undefined, CONTRACT_PACKAGE), keyword("undefined")),
    ...errors.map((error) => contractError({ kind: "literal", value: error.code }, error.data.output)),
  ]);
  const description = `Every error that a call of \`${event}\` can reject with: a built-in code, or a custom code with its typed \`data\`.`;
  context.scope.declareSchema(undefined, name, owner, description, () => type);
}

/** Declares the type of a payload, ack or error under its contract-given name, as an alias when the schema has a name of its own. */
export function rootDeclaration(
  schema: ZodLike,
  name: string,
  site: Site,
  description: string | undefined,
  context: RenderContext,
): DeclaredNames {
  const owner = site.place;
  const own = declaredNamesOf(schema, site, context);
  if (own !== undefined && own.output === name) return own;
  if (own !== undefined) return context.scope.declareAlias(name, owner, own, description);
  return context.scope.declareSchema(undefined, name, owner, description, (side) =>
    renderDeclarationBody(schema, side, site, context),
  );
}

function docOf(event: EventDefinition, what: string, name: string): string {
  const lead = `The ${what} of \`${name}\`.`;
  return event.description === undefined ? lead : `${event.description.trim()}\n\n${lead}`;
}

export function siteOf(definition: Place, stem: string): Site {
  return { path: { definition, def: [] }, place: definitionPlace(definition), stem, depth: 0 };
}

export function pairOf(names: DeclaredNames): TypePair {
  return { input: reference(names.input), output: reference(names.output) };
}

export function optionalDescription(description: string | undefined): { description?: string } {
  return description === undefined || description.trim() === "" ? {} : { description: description.trim() };
}

/** Whether an event is requested with `stream()` (it streams one way or both), so it travels as `contract:*` frames, not under its name. */
export function isStreamEvent(event: EventModel): boolean {
  return event.stream !== undefined || event.upload !== undefined;
}
