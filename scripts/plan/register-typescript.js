// Registers ts-node the way Pulumi's Node.js runtime does for a TypeScript program (@pulumi/pulumi
// cmd/run/run.js, CommonJS branch): the project's own typescript and ts-node, the project's tsconfig.json over
// Pulumi's defaults, and type-checking unless PULUMI_NODEJS_TRANSPILE_ONLY or tsconfig's noCheck says
// otherwise. `npm run plan` preloads this (`node -r`), so a program that plan loads is one `pulumi preview` loads.
// Plain JavaScript on purpose: it is what makes TypeScript loadable.
"use strict";
const path = require("node:path");
const tsutils = require("@pulumi/pulumi/tsutils");

const tsConfigPath = path.join(__dirname, "..", "..", "tsconfig.json");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
const transpileOnlyEnv = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const typescriptVersion = require(typescriptRequire).version;
const useNodeNext = Number(typescriptVersion.split(".")[0]) >= 5 || /^4\.([7-9]|\d\d)/.test(typescriptVersion);

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
