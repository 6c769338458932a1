// The schemas stay in contract.ts: their names belong to the generated types here.
export {
  contract,
  FILE_CHUNK_BYTES,
  MAX_MESSAGE_LENGTH,
  MAX_SEARCH_LENGTH,
  MAX_STREAMED_FILE_BYTES,
  MAX_UPLOAD_BYTES,
} from "./contract.js";
export { NAME_TAKEN, type NameTakenData } from "./connection-errors.js";
export type * from "./generated/chat/types.js";
export { contractFingerprint, contractName, contractVersion } from "./generated/fingerprint.js";
