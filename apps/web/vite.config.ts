/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` runs the server on its usual port; Vite proxies the API, the Kubernetes
// passthrough and their websockets (watch, exec) to it.
const server = process.env['BOKUJO_DEV_SERVER'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: server, ws: true },
      '/k8s': { target: server, ws: true },
    },
  },
  build: {
    sourcemap: true,
    // scripts/check-bundle-size.ts reads it to weigh what the first page loads.
    manifest: true,
  },
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/testing/setup.ts'],
    // Whole-app tests type into forms key by key, as a person does: over 10 s for the longest forms,
    // and more on a busy 2-core CI machine.
    testTimeout: 45_000,
  },
});
