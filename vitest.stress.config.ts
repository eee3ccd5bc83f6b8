import {defineConfig} from 'vitest/config'

// `npm run test:stress`: the property tests with many thousands of cases,
// and the long hostile-input and load runs under test/stress/.
export default defineConfig({
  test: {
    include: [
      'packages/core/test/property.test.ts',
      'packages/core/test/compile.test.ts',
      'packages/core/test/gfm-on-demand.test.ts',
      'packages/core/test/link-uses.test.ts',
      'packages/remark-plugin/test/property.test.ts',
      'test/stress/**/*.test.ts'
    ],
    // As in vitest.config.ts: the built packages run as Node runs them.
    server: {deps: {external: [/\/packages\/[^/]+\/dist\//]}},
    testTimeout: 1_200_000,
    hookTimeout: 600_000
  }
})
