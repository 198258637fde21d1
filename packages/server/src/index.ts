/**
 * `@assure/server`: the HTTP API of `assure serve` (read routes, commands, the change feed,
 * the auditor's endpoints), and the keys file its credentials come from.
 */
export { createServer, type AssureServer, type ServerOptions } from './app';
export { type Principal, type AuthFailure, type JwtOptions, KeyVerifier } from './auth/verify';
export {
  addKey,
  listKeys,
  revokeKey,
  readKeysFile,
  keyIdOf,
  type KeysError,
  type ListedKey,
  type NewKey,
  type Scope,
} from './keys/keyfile';
export { problemOf, statusOf, PROBLEM_JSON, type Problem } from './problem';
export { itemsOf, frameOf, type ChangedItems, type FeedMessage } from './routes/feed';
export { openApiDocument } from './openapi';
export { documentSchemas } from './schemas';
