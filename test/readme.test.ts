/** The README's tables stay in step with the code they describe. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AZURE_POOL_RULES } from "../lib/azure-pool-rules";
import { PACKAGE_CACHE_DEFAULTS } from "../lib/package-cache/plan";
import { CONFIG_KEYS, FarmConfig, LOCATION_KEY, POOL_NAME_MAX, parseStackConfig, rawConfigFromStackFile } from "../lib/stack-config";
import { parse } from "yaml";
import { SIZES } from "../policy/catalog";

const README = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

/** The dev stack cut down to its required keys, parsed: every other key holds the code's default. */
function defaultsConfig(pool: Record<string, unknown> = {}): FarmConfig {
    const dev = (parse(readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, any> }).config;
    const { hostDomain, channel } = dev["buildfarm:koji"];
    const { name, vmSizes, maxCount } = dev["buildfarm:pools"][1];
    const config = {
        [LOCATION_KEY]: dev[LOCATION_KEY],
        "buildfarm:adminSshPublicKey": dev["buildfarm:adminSshPublicKey"],
        "buildfarm:vcpuBudget": dev["buildfarm:vcpuBudget"],
        "buildfarm:koji": { hostDomain, channel },
        "buildfarm:pools": [{ name, vmSizes, maxCount, ...pool }],
    };
    const result = parseStackConfig(rawConfigFromStackFile({ config }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.config;
}

/** What the code fills in for a key of the README's table, as the table writes it. */
function codeDefault(key: string): string {
    const config = defaultsConfig();
    const spotPool = defaultsConfig({ spot: true }).pools[0];
    const known: Record<string, unknown> = {
        "buildfarm:koji.auth": config.koji.auth.kind,
        "buildfarm:koji.realm": config.koji.auth.kind === "kerberos" ? config.koji.auth.realm : undefined,
        "buildfarm:koji.kdcProxyUrl": config.koji.auth.kind === "kerberos" ? config.koji.auth.kdcProxyUrl : undefined,
        "buildfarm:pools[].spot": config.pools[0].spot !== undefined,
        ...Object.fromEntries(Object.entries(PACKAGE_CACHE_DEFAULTS).map(([field, value]) => [`buildfarm:packageCache.${field}`, value])),
        ...Object.fromEntries(Object.entries(spotPool.spot ?? {}).map(([field, value]) => [`buildfarm:pools[].${field}`, value])),
    };
    const value =
        key in known
            ? known[key]
            : key
                  .replace(/^buildfarm:/, "")
                  .split(".")
                  .reduce<unknown>((node, part) => (part === "pools[]" ? config.pools[0] : (node as Record<string, unknown>)?.[part]), config);
    return typeof value === "object" ? JSON.stringify(value) : String(value);
}

describe("README", () => {
    it("lists every Azure pool rule with its page", () => {
        for (const rule of AZURE_POOL_RULES) expect(README, rule.id).toMatch(new RegExp(`\\| \`${rule.id}\` \\|`));
    });

    it("documents every configuration key", () => {
        for (const key of Object.keys(CONFIG_KEYS)) expect(README, key).toContain(`\`buildfarm:${key}`);
    });

    it("states the defaults the code fills in, in the configuration table", () => {
        const rows = [...README.matchAll(/^\| `(buildfarm:[^`]+)` \| `([^`]+)` \|/gm)];
        expect(rows.length).toBeGreaterThan(15);
        for (const [, key, stated] of rows) expect(stated, key).toBe(codeDefault(key));
    });

    it("states the same defaults in Pulumi.yaml's descriptions of the structured keys", () => {
        const project = parse(readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8")) as { config: Record<string, { description: string }> };
        const compared = (["koji", "network", "packageCache", "pools"] as const).flatMap((section) =>
            [...project.config[section].description.matchAll(/(\w+) \([^()]*?\bdefault ([^\s,;)]+)/g)].flatMap(([, field, stated]) => {
                const key = section === "pools" ? `buildfarm:pools[].${field}` : `buildfarm:${section}.${field}`;
                // Only the defaults the README's table writes as one value; "the farm's minimumLevel" and the like are prose.
                if (!README.includes(`| \`${key}\` | \``)) return [];
                const value = stated.replace(/[:.]$/, "");
                expect(value === "none" ? "[]" : value, key).toBe(codeDefault(key));
                return [key];
            }),
        );
        expect(compared.length).toBeGreaterThan(10);
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
