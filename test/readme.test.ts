/** The README's tables stay in step with the code they describe. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AZURE_POOL_RULES } from "../lib/azure-pool-rules";
import { CONFIG_KEYS, POOL_NAME_MAX } from "../lib/stack-config";
import { SIZES } from "../policy/catalog";

const README = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

describe("README", () => {
    it("lists every Azure pool rule with its page", () => {
        for (const rule of AZURE_POOL_RULES) expect(README, rule.id).toMatch(new RegExp(`\\| \`${rule.id}\` \\|`));
    });

    it("documents every configuration key", () => {
        for (const key of Object.keys(CONFIG_KEYS)) expect(README, key).toContain(`\`buildfarm:${key}`);
    });

    it("keeps Pulumi.yaml's pool name limit equal to the code's", () => {
        const project = readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8");
        expect(project).toContain(`at most ${POOL_NAME_MAX} characters`);
    });

    it("states the pool name limit and the catalog's size count the code has", () => {
        expect(README).toContain(`at most ${POOL_NAME_MAX} characters`);
        expect(README).toContain(`${SIZES.length} sizes`);
    });
});
