import { defineConfig } from "vite";

// Built into target/web, which Maven packs into the bds-web jar under org/openbds/web; `bds serve` serves it.
// Relative asset paths, no external URLs: the app works offline, from any mount point.
export default defineConfig({
  base: "./",
  build: {
    outDir: "target/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/metrics": "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
} as never);
