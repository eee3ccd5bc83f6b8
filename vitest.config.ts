import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/stress/**'],
    // The built packages run as Node runs them, not through Vite's module
    // runner: the command loads its modules with `require` (packages/cli/src/main.ts),
    // and a module the runner loaded and the same module `require`d would be
    // two copies (two `RunError` classes).
    server: {deps: {external: [/\/packages\/[^/]+\/dist\//]}},
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
