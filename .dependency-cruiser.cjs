// The workspace's boundaries, checked by dependency-cruiser in `pnpm lint`.
//
// Layers (the arrow: may import):
//   domain -> fp-ts, io-ts only (no node:*, no IO)
//   event-store -> domain
//   store-* (file, esdb, and any later store) -> event-store, domain
//   store-postgres/src/read-models (read models kept as SQL tables: a consumer of the
//     projections, shipped with the PostgreSQL package) -> event-store, projections, domain
//   testing -> event-store, domain
//   projections -> event-store, domain
//   audit -> event-store, projections, domain
//   server -> everything but cli
//   cli -> everything
// The layers hold for each package's src/. Its tests and benchmarks may use any package
// through its public name (`@assure/x`, `@assure/x/testing`), never another package's files
// by path (docs/ included): test support shared across packages is exported
// (`@assure/store-esdb/testing`, `@assure/store-postgres/testing`, `@assure/testing`).
//
// The domain's clock, randomness and eval bans are eslint rules (eslint.config.mjs), as they
// are about code, not modules.

/** Packages a package's src/ may import, besides itself (regexp alternatives). */
const layers = [
  { from: 'domain', allowed: '' },
  { from: 'event-store', allowed: 'domain' },
  {
    from: 'store-[^/]+',
    allowed: 'event-store|domain',
    except: '^packages/store-postgres/src/read-models/',
  },
  { from: 'store-postgres', under: 'read-models/', allowed: 'event-store|projections|domain' },
  { from: 'testing', allowed: 'event-store|domain' },
  { from: 'projections', allowed: 'event-store|domain' },
  { from: 'audit', allowed: 'event-store|projections|domain' },
  { from: 'server', allowed: '(?!cli/)[^/]+' },
];

const layerRules = layers.map(({ from, under = '', allowed, except }) => ({
  name: `layer-${from.replace(/-\[.*$/, '')}${under === '' ? '' : `-${under.replace(/\/$/, '')}`}`,
  comment: `packages/${from}/src/${under} may import only ${allowed === '' ? 'itself' : allowed.replace(/\|/g, ', ')} of the workspace's packages`,
  severity: 'error',
  from: {
    path: `^packages/(${from})/src/${under}`,
    ...(except === undefined ? {} : { pathNot: except }),
  },
  to: {
    path: '^packages/[^/]+/',
    pathNot: allowed === '' ? ['^packages/$1/'] : ['^packages/$1/', `^packages/(${allowed})/`],
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'domain-no-node',
      comment: 'The domain is pure: no node:* or other core modules (IO, clock, processes).',
      severity: 'error',
      from: { path: '^packages/domain/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-only-fp-ts-io-ts',
      comment: 'The domain depends on fp-ts and io-ts only.',
      severity: 'error',
      from: { path: '^packages/domain/src/' },
      to: {
        dependencyTypesNot: ['local', 'aliased', 'core'],
        pathNot: ['(^|/)node_modules/(fp-ts|io-ts)/', '^packages/domain/'],
      },
    },
    {
      name: 'no-relative-import-across-packages',
      comment:
        "No file reaches into another package by relative path ('../../other/...'): import it by its public name.",
      severity: 'error',
      from: { path: '^((packages|examples)/[^/]+|docs)/' },
      to: {
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
        path: '^(packages|examples|docs)/',
        pathNot: '^$1/',
      },
    },
    {
      name: 'no-test-support-across-packages',
      comment:
        "Another package's test/ or bench/ is not an API: shared test support is exported (e.g. '@assure/store-esdb/testing').",
      severity: 'error',
      from: { path: '^(packages/[^/]+|examples/[^/]+|docs)/' },
      to: { path: '^packages/[^/]+/(test|bench)/', pathNot: '^$1/' },
    },
    {
      name: 'src-not-from-tests',
      comment: 'Production code never imports test or benchmark code.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { path: '^packages/[^/]+/(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)dist/', '(^|/)coverage/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.all.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
