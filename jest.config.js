/** Root jest configuration: every package, example and docs test, transformed by swc. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/examples', '<rootDir>/docs'],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
  },
  moduleNameMapper: {
    '^@assure/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@assure/([a-z-]+)/(.+)$': '<rootDir>/packages/$1/src/$2',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Some suites (servers, database pools, child processes) can leave a handle open after their
  // last test; jest would then wait forever after a green run. End the run once it is done;
  // find such leaks with `jest --detectOpenHandles`.
  forceExit: true,
};
