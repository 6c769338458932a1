/**
 * The browser entry (export condition "browser"): the same API as `index.ts`, with the
 * `defineContract` of `define-contract-browser.ts`, which leaves the full rule check to Node.
 */
export * from "./index.js";
export { defineContract } from "./define-contract-browser.js";
