import module from "node:module";

/**
 * tsx's `tsImport` loads the contract in a namespace of its own (`?tsx-namespace=<uuid>`), so that
 * each call reads the user's files afresh (watch mode). The namespace spreads to every import,
 * packages included: `zod` and `@socket-contract/contract` were loaded and initialised a second
 * time beside the generator's own copies, every one of their modules through tsx's hooks, which on
 * Node 20 run in a worker thread, one blocking round trip per module. That was a third of a
 * 1,000-event run. This hook sits in front of tsx's and takes a package's JavaScript out of the
 * namespace: packages load natively, once, and are shared with the generator. The user's own files,
 * and anything that resolves to TypeScript (a workspace package's source, a `paths` alias), stay in
 * tsx's namespace. A package's JavaScript edited during `--watch` is therefore not re-read, as
 * Node itself never re-reads a module.
 */
const NAMESPACE = "tsx-namespace";

/** A bare specifier (`zod`, `@scope/pkg/sub`, not `./x.js`, `/abs`, `file:`, `node:`) whose resolved URL is JavaScript. */
const STRIP_SOURCE = `
const NAMESPACE = ${JSON.stringify(NAMESPACE)};
export function outOfNamespace(specifier, url) {
  if (/^(\\.|\\/|[a-zA-Z][a-zA-Z+.-]*:)/.test(specifier) || !url.startsWith("file:")) return url;
  const parsed = new URL(url);
  if (!/\\.(c|m)?js$|\\.json$/.test(parsed.pathname)) return url;
  const params = [...parsed.searchParams.keys()];
  if (params.length !== 1 || params[0] !== NAMESPACE) return url;
  parsed.search = "";
  return parsed.href;
}
`;

const ASYNC_HOOKS = `${STRIP_SOURCE}
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  const url = outOfNamespace(specifier, result.url);
  return url === result.url ? result : { ...result, url };
}
`;

let outOfNamespace: ((specifier: string, url: string) => string) | undefined;
let registered: { deregister(): void } | undefined;

/**
 * Puts the hook in front of the loader hooks registered so far. Called after tsx registers its
 * hooks for a load (each `tsImport` adds its own, in front of the earlier ones), so it runs first:
 * synchronous hooks (`module.registerHooks`, Node 22.15+) always run before the asynchronous ones
 * tsx may have chosen, and asynchronous ones (`module.register`) run last registered first.
 *
 * @example
 * const api = register({ namespace });
 * keepPackagesNative();
 * await api.import(url, import.meta.url);
 */
export async function keepPackagesNative(): Promise<void> {
  const registerHooks = (module as { registerHooks?: (hooks: object) => { deregister(): void } }).registerHooks;
  if (typeof registerHooks === "function") {
    outOfNamespace ??= (
      (await import(`data:text/javascript,${encodeURIComponent(STRIP_SOURCE)}`)) as {
        outOfNamespace: typeof outOfNamespace;
      }
    ).outOfNamespace!;
    const strip = outOfNamespace;
    registered?.deregister();
    registered = registerHooks.call(module, {
      resolve(
        specifier: string,
        context: unknown,
        nextResolve: (specifier: string, context: unknown) => { url: string },
      ) {
        const result = nextResolve(specifier, context);
        const url = strip(specifier, result.url);
        return url === result.url ? result : { ...result, url };
      },
    });
    return;
  }
  module.register(`data:text/javascript,${encodeURIComponent(ASYNC_HOOKS)}`);
}
