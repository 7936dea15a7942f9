/**
 * The console is served under /console/ (locally by the API server, in AWS by CloudFront). `npm run
 * console:dev` (`vite` in this folder) proxies the API to a running `npm start`.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://localhost:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // one CSP-friendly bundle: no inline scripts or styles
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/api': api, '/_local': api, '/console/config.json': api },
  },
});
