/**
 * The client's own generated protobuf/gRPC code, loaded from the copy inside
 * `@eventstore/db-client` (never a second copy: two copies in one process collide in one
 * global protobuf namespace). These deep paths are not a public API of the client; the
 * `generated-paths` test fails loudly if a release moves them.
 */
import * as path from 'node:path';
import * as streamsPb from '@eventstore/db-client/generated/streams_pb';
import * as streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb';
import * as sharedPb from '@eventstore/db-client/generated/shared_pb';
import * as statusPb from '@eventstore/db-client/generated/status_pb';
import * as codePb from '@eventstore/db-client/generated/code_pb';
import * as serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb';
import * as serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import * as anyPb from 'google-protobuf/google/protobuf/any_pb';
import * as emptyPb from 'google-protobuf/google/protobuf/empty_pb';

export {
  streamsPb,
  streamsGrpc,
  sharedPb,
  statusPb,
  codePb,
  serverFeaturesPb,
  serverFeaturesGrpc,
  anyPb,
  emptyPb,
};

/** The client package's directory (resolved the way the adapter resolves it). */
export const CLIENT_DIR = path.dirname(require.resolve('@eventstore/db-client/package.json'));

/** Deep paths (relative to the client package) the double loads. */
export const GENERATED_FILES = [
  'generated/streams_pb.js',
  'generated/streams_grpc_pb.js',
  'generated/shared_pb.js',
  'generated/status_pb.js',
  'generated/code_pb.js',
  'generated/serverfeatures_pb.js',
  'generated/serverfeatures_grpc_pb.js',
] as const;
