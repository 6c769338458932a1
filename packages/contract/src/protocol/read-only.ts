/**
 * Interceptors see checked values and may not change them (an incoming one would hand the handler a
 * value the check never saw, an outgoing one would send one it refused). They get a view of each
 * value instead: reading it reads the value, at any depth; writing, deleting or redefining any part
 * of it throws a `TypeError`. Only plain objects and arrays are wrapped: a binary value, a date or a
 * class instance keeps its own methods, which a proxy would break, and is handed over as it is.
 * The handler itself still gets the values, not the view.
 */
const refuse = (): never => {
  throw new TypeError("[socket-contract] an interceptor may not change a checked value");
};

const views = new WeakMap<object, object>();

const viewing: ProxyHandler<object> = {
  get(target, key) {
    // Read on the value itself, so that a getter runs with its own `this`.
    const value: unknown = Reflect.get(target, key);
    if (!isPlain(value)) return value;
    // A frozen part must be handed over as it is (a proxy's invariant); it cannot be written anyway.
    const own = Reflect.getOwnPropertyDescriptor(target, key);
    if (own !== undefined && own.configurable === false && own.writable === false) return value;
    let view = views.get(value);
    if (view === undefined) views.set(value, (view = new Proxy(value, viewing)));
    return view;
  },
  getOwnPropertyDescriptor(target, key) {
    const own = Reflect.getOwnPropertyDescriptor(target, key);
    if (own !== undefined && own.configurable === true && "value" in own) own.value = readOnly(own.value);
    return own;
  },
  set: refuse,
  defineProperty: refuse,
  deleteProperty: refuse,
  setPrototypeOf: refuse,
  preventExtensions: refuse,
};

function isPlain(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A read-only view of a checked value for interceptors (see above); a value that is not a plain
 * object or array is returned as it is.
 *
 * @example
 * const call = { args: readOnly(args) }; // call.args[0].room = "x" throws a TypeError
 */
export function readOnly<T>(value: T): T {
  return isPlain(value) ? (new Proxy(value, viewing) as T) : value;
}
