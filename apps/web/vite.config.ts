import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The app is served by the Lifeline server at `/`; in development `vite` proxies the API to it.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: {
        name: 'Lifeline civil registration',
        short_name: 'Lifeline',
        theme_color: '#1c4e80',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        // Take control of the open page at once, so the first visit already works offline after a reload.
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/fhir\//, /^\/metrics/, /^\/verify\//, /^\/\.well-known\//],
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        // The dashboard (with the charts library, ~200 KB compressed) needs the server anyway: it is fetched when
        // opened, never downloaded ahead by devices of staff who do not use it.
        globIgnores: ['**/DashboardPage-*.js'],
        runtimeCaching: [
          {
            // Config and locations are read often and change rarely: serve them from cache when offline.
            urlPattern: ({ url }) => url.pathname === '/api/config' || url.pathname.startsWith('/api/locations'),
            handler: 'NetworkFirst',
            options: { cacheName: 'lifeline-config', networkTimeoutSeconds: 4 },
          },
        ],
      },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:3000', '/.well-known': 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 900 },
});
