/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite config, so tests resolve `astro:*` modules and `.astro` files as the build does.
export default getViteConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        // A throwaway PostgreSQL cluster for the PostgreSQL store's tests (or COMMENTS_TEST_DATABASE_URL).
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/server/postgres-setup.ts'],
        },
      },
      {
        // Builds throwaway copies of the project: slower, so apart from the units.
        extends: true,
        test: {
          name: 'content',
          include: ['tests/content/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Checks over the built site: run after `npm run build`.
        extends: true,
        test: { name: 'dist', include: ['tests/built/**/*.test.ts'], environment: 'node', testTimeout: 120_000 },
      },
    ],
  },
});
