/**
 * The test double serves the client's own generated gRPC code through deep paths that are
 * not a public API of `@eventstore/db-client`. If a release moves or renames them, these
 * tests fail first, with a message saying what moved.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CLIENT_DIR,
  GENERATED_FILES,
  serverFeaturesGrpc,
  serverFeaturesPb,
  sharedPb,
  statusPb,
  streamsGrpc,
  streamsPb,
} from '../src/testing/generated';

describe("the client's generated code (deep paths the double depends on)", () => {
  it('is the pinned client version 6.2.1', () => {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(CLIENT_DIR, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: '@eventstore/db-client', version: '6.2.1' });
  });

  it.each(GENERATED_FILES)('%s exists inside the client package', (file) => {
    const full = path.join(CLIENT_DIR, file);
    if (!fs.existsSync(full)) {
      throw new Error(
        `@eventstore/db-client moved its generated code: ${full} is missing. ` +
          'Update packages/store-esdb/src/testing/generated.ts (and the README).',
      );
    }
    // The double must load the very file the client loads (one protobuf namespace).
    const bare = `@eventstore/db-client/${file.replace(/\.js$/, '')}`;
    expect(fs.realpathSync(require.resolve(bare))).toBe(fs.realpathSync(full));
  });

  it('google-protobuf is one copy, shared with the client', () => {
    const fromClient = require.resolve('google-protobuf/package.json', { paths: [CLIENT_DIR] });
    const fromHere = require.resolve('google-protobuf/package.json');
    expect(fs.realpathSync(fromHere)).toBe(fs.realpathSync(fromClient));
  });

  it('the service definitions name the methods the client calls', () => {
    const paths = Object.fromEntries(
      Object.entries(streamsGrpc.StreamsService).map(([k, v]) => [k, v.path]),
    );
    expect(paths).toEqual({
      read: '/event_store.client.streams.Streams/Read',
      append: '/event_store.client.streams.Streams/Append',
      delete: '/event_store.client.streams.Streams/Delete',
      tombstone: '/event_store.client.streams.Streams/Tombstone',
      batchAppend: '/event_store.client.streams.Streams/BatchAppend',
    });
    expect(serverFeaturesGrpc.ServerFeaturesService.getSupportedMethods.path).toBe(
      '/event_store.client.server_features.ServerFeatures/GetSupportedMethods',
    );
  });

  it('the message classes the double builds exist', () => {
    for (const cls of [
      streamsPb.ReadReq,
      streamsPb.ReadResp,
      streamsPb.ReadResp.ReadEvent.RecordedEvent,
      streamsPb.ReadResp.StreamNotFound,
      streamsPb.AppendReq,
      streamsPb.AppendResp.WrongExpectedVersion,
      streamsPb.BatchAppendReq,
      streamsPb.BatchAppendResp,
      streamsPb.DeleteResp,
      streamsPb.TombstoneResp,
      sharedPb.UUID,
      sharedPb.WrongExpectedVersion,
      sharedPb.StreamDeleted,
      statusPb.Status,
      serverFeaturesPb.SupportedMethods,
    ]) {
      expect(typeof cls).toBe('function');
    }
    // 64-bit fields are decimal strings in this generated code (jstype = JS_STRING).
    const pos = new streamsPb.ReadReq.Options.Position();
    pos.setCommitPosition('18446744073709551615');
    const round = streamsPb.ReadReq.Options.Position.deserializeBinary(pos.serializeBinary());
    expect(round.getCommitPosition()).toBe('18446744073709551615');
  });
});
