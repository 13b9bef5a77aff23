import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The stylesheet must not hold back the first paint: the loading screen (inline in index.html) shows from the first
 * answer, while the app's CSS loads beside its code (media="print" does not block; main.tsx applies it and waits for it
 * before rendering: no inline handler, so a strict Content-Security-Policy allows it).
 */
const nonBlockingCss: Plugin = {
  name: 'lifeline-non-blocking-css',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html.replace(
        /<link rel="stylesheet" crossorigin href="([^"]+)">/g,
        '<link rel="stylesheet" crossorigin href="$1" media="print" data-app-css>',
      ),
  },
};

// The app is served by the Lifeline server at `/`; in development `vite` proxies the API to it.
export default defineConfig({
  plugins: [
    react(),
    nonBlockingCss,
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
        // Config, the user and places are kept by the app itself (localStorage, IndexedDB): nothing at run time.
        // The dashboard (with the charts library, ~200 KB compressed) needs the server anyway: it is fetched when
        // opened, never downloaded ahead by devices of staff who do not use it.
        globIgnores: ['**/DashboardPage-*.js'],
      },
    }),
    // Every text file also as .br and .gz, written once here: the server sends them as they are (no CPU per load).
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(html|js|css|svg|webmanifest|json)$/,
      threshold: 0,
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:3000', '/.well-known': 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 900 },
});
