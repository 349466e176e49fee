import { defineConfig } from 'vite';

// The dashboard: built into dist/web, served by the same fastify server. Everything is bundled: no CDN.
export default defineConfig({
  root: 'web',
  base: '/',
  build: { outDir: '../dist/web', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/feed.atom': 'http://127.0.0.1:8080' } },
});
