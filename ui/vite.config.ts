/// <reference types="vitest/config" />
// Vite builds the UI into ui/dist. `base: './'` keeps every asset URL relative, so the same
// files work from Tauri's embedded assets and from the HTTP bridge (`portfolj serve --ui`).
import { fileURLToPath } from 'node:url';
import { defineConfig, searchForWorkspaceRoot } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  // Tauri's dev tooling expects a fixed port; the bridge serves the built files instead.
  // The dev server may also read the user guides, which src/lib/guides.ts imports from docs/guide.
  server: {
    port: 5173,
    strictPort: true,
    fs: {
      allow: [searchForWorkspaceRoot(process.cwd()), fileURLToPath(new URL('../docs/guide', import.meta.url))],
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
