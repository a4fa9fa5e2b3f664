// Three tiers (STYLE.md): unit = pure logic; integration = real services on real MariaDB and
// SQLite; e2e = the assembled app over HTTP with Redis-backed jobs and real worker processes;
// replication = failover on real MariaDB instances.
const moduleNameMapper = {
  '^@app/(common|contracts|database|catalog|booking|cluster|failover|jobs|metrics|pricing|schema|door|mail|waiting-room)$':
    '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] };
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
};

// The compose deployment on a private dockerd (test/containers): scripts/test.sh's last phase
// sets MARQUEE_CONTAINER_PHASE=1; a bare `npx jest` never builds images or starts an engine.
const containers = {
  ...base,
  displayName: 'containers',
  testMatch: ['<rootDir>/test/containers/**/*.containers-spec.ts'],
};

module.exports = {
  // Generous: CI runs on 2 cores, where booting a Nest app under load can take more than jest's 5 s.
  // A global option: jest ignores (and warns about) testTimeout inside a project.
  testTimeout: 30_000,
  projects:
    process.env.MARQUEE_CONTAINER_PHASE === '1'
      ? [containers]
      : [
          {
            ...base,
            displayName: 'unit',
            // test/**/*.spec.ts: pure logic of the test support (the history checker).
            testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
          },
          {
            ...base,
            displayName: 'integration',
            testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
            globalSetup: '<rootDir>/test/support/global-setup.ts',
          },
          {
            ...base,
            displayName: 'e2e',
            testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
            testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/replication/'],
            globalSetup: '<rootDir>/test/support/global-setup.ts',
          },
          // Replication and failover on three MariaDB instances of their own (scripts/mariadb-cluster.sh,
          // ports 3317-3334): no shared database; the global setup only clears leftover processes.
          {
            ...base,
            displayName: 'replication',
            testMatch: ['<rootDir>/test/replication/**/*.e2e-spec.ts'],
            globalSetup: '<rootDir>/test/support/clear-leftovers.ts',
          },
        ],
};
