export { encodeComment, encodeEvent } from './encode';
export type { EncodeEventOptions } from './encode';
