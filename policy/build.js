// Builds the pack into bin/: tsc, then the data files the compiled modules read beside themselves
// (catalog/sizes.tsv, lib/size-property-table.json). Run by `npm run build -w policy`.
const { execFileSync } = require("node:child_process");
const { cpSync, rmSync } = require("node:fs");
const path = require("node:path");

const here = __dirname;
rmSync(path.join(here, "bin"), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(here, "tsconfig.build.json")], { stdio: "inherit" });
for (const file of ["catalog/sizes.tsv", "lib/size-property-table.json"]) {
    cpSync(path.join(here, file), path.join(here, "bin", file));
}
