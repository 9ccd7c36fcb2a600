import { defineConfig } from 'vitest/config';

// The WASM is built once by `npm test` (npm run build) before vitest starts; tests never rebuild it.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
