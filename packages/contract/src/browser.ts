/**
 * The browser entry (export condition "browser"): the same API as `index.ts`, with the
 * `defineContract` of `define-contract-browser.ts`, which leaves the full rule check to Node, and
 * the `contractFingerprint` of `fingerprint.ts`, which reads schemas of other libraries only where
 * the page enabled their support (`enableStandardSchema()`).
 */
export * from "./index.js";
export { defineContract } from "./define-contract-browser.js";
export { contractFingerprint } from "./fingerprint.js";
