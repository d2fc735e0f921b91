// The bench's floor for the pack's start: a pack with no policy, served the same way (scripts/bench.ts).
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("empty", { policies: [] });
