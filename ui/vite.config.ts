/// <reference types="vitest/config" />
// Vite builds the UI into ui/dist. `base: './'` keeps every asset URL relative, so the same
// files work from Tauri's embedded assets and from the HTTP bridge (`portfolj serve --ui`).
import { defineConfig } from 'vite';
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
  server: { port: 5173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
