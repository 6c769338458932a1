export { Attachment, Author, contract, MAX_MESSAGE_LENGTH, MAX_UPLOAD_BYTES, Member, Message, RoomName, RoomSummary } from "./contract.js";
