import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API at /admin (same origin: the session cookie and the API need no CORS).
export default defineConfig({
  root: import.meta.dirname,
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
