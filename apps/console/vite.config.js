import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Built into dist/console, where the api serves it at /console (apps/api/src/platform/console-files.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: true,
  },
});
