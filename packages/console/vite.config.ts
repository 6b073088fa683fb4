import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API under /console, so every asset URL starts there.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // React, react-router, react-query and recharts: one ~760 kB chunk, cached for an hour.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
