import { defineConfig } from "vitest/config";

export default defineConfig({
    test: {
        environment: "node",
        include: ["test/**/*.test.ts"],
        // Each test file gets a fresh worker: Pulumi's runtime state (mocks, config) is process-global.
        pool: "forks",
        isolate: true,
        // Importing @pulumi/azure-native modules and resolving long output chains is slow on 2 cores.
        testTimeout: 30_000,
        hookTimeout: 30_000,
    },
});
