// Registers ts-node the way Pulumi's Node.js runtime does for a TypeScript program (@pulumi/pulumi
// cmd/run/run.js, CommonJS branch): the project's own typescript and ts-node, the tsconfig that Pulumi.yaml
// names (runtime.options.tsconfig) laid over Pulumi's defaults, and type-checking unless
// PULUMI_NODEJS_TRANSPILE_ONLY or that tsconfig's noCheck says otherwise. `npm run plan` and `npm run bench`
// preload this (`node -r`), so a program that plan loads is one `pulumi preview` loads.
// Plain JavaScript on purpose: it is what makes TypeScript loadable.
"use strict";
// Node's compile cache first (policy/lib/compile-cache.ts says why), so that TypeScript's own modules are cached too.
require("node:module").enableCompileCache?.();
const fs = require("node:fs");
const path = require("node:path");
const { parse } = require("yaml");
const tsutils = require("@pulumi/pulumi/tsutils");

const projectRoot = path.join(__dirname, "..", "..");
const runtime = parse(fs.readFileSync(path.join(projectRoot, "Pulumi.yaml"), "utf8")).runtime;
const tsConfigPath = path.join(projectRoot, process.env.PULUMI_NODEJS_TSCONFIG_PATH || runtime?.options?.tsconfig || "tsconfig.json");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const [major, minor] = require(typescriptRequire).version.split(".").map(Number);
const useNodeNext = major > 4 || (major === 4 && minor >= 7);

require(tsnodeRequire).register({
    compiler: typescriptRequire,
    transpileOnly: transpileOnlyEnv ? transpileOnlyEnv === "true" : compilerOptions.noCheck,
    project: tsConfigPath,
    compilerOptions: {
        target: "ES2020",
        module: useNodeNext ? "nodenext" : "commonjs",
        moduleResolution: useNodeNext ? "nodenext" : "node",
        sourceMap: "true",
        ...compilerOptions,
    },
});
