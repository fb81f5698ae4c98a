/**
 * Vitest global setup of the server tests: one throwaway PostgreSQL cluster for every test file
 * (each file creates its own databases), unless COMMENTS_TEST_DATABASE_URL names a server to use.
 * When none can be started, the PostgreSQL tests fail with the reason and how to install it
 * (`requirePostgres`); the other server tests still run.
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../fixtures/postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresError: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env['COMMENTS_TEST_DATABASE_URL'];
  project.provide('postgresError', '');
  if (external) {
    project.provide('postgresUrl', external);
    return undefined;
  }
  try {
    const cluster = await startPostgresCluster();
    project.provide('postgresUrl', cluster.url);
    return () => cluster.destroy();
  } catch (error) {
    project.provide('postgresUrl', '');
    project.provide(
      'postgresError',
      `No PostgreSQL for the tests: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
