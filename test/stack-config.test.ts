import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { builderNetworkProblems, planBuilderNetwork } from "../lib/builder-network-plan";
import { projectDefaults } from "../scripts/plan/stack-file";
import {
    CONFIG_KEYS,
    type ConfigError,
    type FarmConfig,
    formatConfigErrors,
    LOCATION_KEY,
    POOL_NAME_MAX,
    parseStackConfig,
    rawConfigFromStackFile,
} from "../lib/stack-config";

const ROOT = path.join(__dirname, "..");
const readYaml = (file: string): unknown => parse(readFileSync(path.join(ROOT, file), "utf8"));

// Public keys made with ssh-keygen for these tests; their private halves were thrown away.
const ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICcf5LVXSwc0EiXehmhSSXSf1iNdtRSZ5tLNlK36+ucc farm-admin@example.org";
const RSA_3072 =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQC2lzXpVcFVbjOQ1QQC2Lb7cvQ15Rd7b+PYcmMfYkOSSXR3DpO80YRstAG/U4evHRq1p9+aPV3ALb7n30X27tRC7UB2Ela5eFxfyn9lCGZtXYOKqzKLvX6xILJXM36aDuzBhJhChSJPh68z0NTVVUiP/mA0JGv0OL3J696M8FR0ZpDQin4TcvYqvqP2poaiseWK95p+x9N2RuYs1evAFKOOQDIWlNc6F9wTpdL989+w5qZMPRSLT2JPt9KcI+d3Ja5p9lHNG1/d6hrUjB3XZkRVjRM6HrhjnIt7vTun916f24rsG0rfkfrBnzpHH9/l/NJjFmUeQ8OSFNFq5utV75t2NGIkLhl34+3muxgLWvZK/F7Z+gLcj5t8P+ikcMifEZFGqfhDtWY7DdkbzrHEsVJ7eutrXvaGfAR+B1AZStv5G24pRXikM5tPKJTSkUZDHLSXxhHQDAQZ/4KuYWZ3LAkC5LCowdlDKryYPnb7zFoKdmfQ8ZQY1wYSCl6pMw4mrEU= rsa3072@example.org";
const RSA_1024 =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCT5t3T//wlHHglV7OEbHUAvj+0+9lcQOksZi2dRSjDsbqh3hfK7bSD4IgbjFkNja8ZVELvEO7MFC00FSDUgC86YSu6djNTKi5XBVY8cIHmQ54HmYp3B04mVJLfUDbedTQJdKYpntixJB7F5ORWPtYVuLGSuyjtU6pmeJkzc4bTfw== rsa1024@example.org";
const ECDSA =
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMHEsPsIj3u+uge0uYdonYVEin6+jEcwwoAfPmd9LheTmHeBemvQrsGK4/y9MAJWNgWKFq2dlxVqzsi9st3TC80= ecdsa@example.org";

const POOL = { name: "spot", vmSizes: ["Standard_D16as_v5"], maxCount: 10 };

/** The smallest valid stack, as a stack file's `config:` map. */
const MINIMAL: Record<string, unknown> = {
    [LOCATION_KEY]: "eastus2",
    "buildfarm:adminSshPublicKey": ED25519,
    "buildfarm:vcpuBudget": 400,
    "buildfarm:koji": { hostDomain: "builders.example.org", channel: "azure-v3" },
    "buildfarm:pools": [POOL],
};

/** MINIMAL with some keys replaced; `undefined` removes a key. */
function stack(changes: Record<string, unknown> = {}): Record<string, string> {
    const config = Object.fromEntries(Object.entries({ ...MINIMAL, ...changes }).filter(([, value]) => value !== undefined));
    return rawConfigFromStackFile({ config });
}

function configOf(changes: Record<string, unknown> = {}): FarmConfig {
    const result = parseStackConfig(stack(changes));
    if (!result.ok) throw new Error(formatConfigErrors(result.errors));
    return result.config;
}

function errorsOf(changes: Record<string, unknown>): readonly ConfigError[] {
    const result = parseStackConfig(stack(changes));
    if (result.ok) throw new Error("expected the configuration to be refused");
    return result.errors;
}

/** Asserts exactly one error, at `key`, whose message is `message` or matches it. */
function expectError(changes: Record<string, unknown>, key: string, message: string | RegExp): void {
    expect(errorsOf(changes)).toEqual([{ key, message: typeof message === "string" ? message : expect.stringMatching(message) }]);
}

const withPool = (changes: Record<string, unknown>) => ({ "buildfarm:pools": [{ ...POOL, ...changes }] });
const withKoji = (changes: Record<string, unknown>) => ({
    "buildfarm:koji": { ...(MINIMAL["buildfarm:koji"] as object), ...changes },
});
const withNetwork = (changes: Record<string, unknown>) => ({ "buildfarm:network": changes });

describe("the project and the dev stack", () => {
    it("Pulumi.dev.yaml is a valid stack", () => {
        const result = parseStackConfig(rawConfigFromStackFile(readYaml("Pulumi.dev.yaml")));
        expect(result.ok ? [] : formatConfigErrors(result.errors)).toEqual([]);
        if (!result.ok) return;
        expect(result.config.pools.map((pool) => pool.name)).toEqual(["spot", "regular"]);
        expect(result.config.pools[0].vmSizes).toHaveLength(3);
        expect(result.config.pools[0].spot).toEqual({ regularBaseCount: 0, regularPercentAboveBase: 0, maxPrice: -1 });
    });

    it("Pulumi.yaml declares exactly the keys the parser knows, with the same types", () => {
        const project = readYaml("Pulumi.yaml") as { name: string; config: Record<string, { type?: string; description?: string; default?: unknown }> };
        expect(project.name).toBe("buildfarm");
        const declared = Object.fromEntries(Object.entries(project.config).map(([key, declaration]) => [key.replace(/^buildfarm:/, ""), declaration.type]));
        expect(declared).toEqual(CONFIG_KEYS);
        for (const declaration of Object.values(project.config)) {
            expect(declaration.description).toBeTruthy();
        }
    });

    it("gives every optional key a default in Pulumi.yaml, which the CLI needs, and the parser agrees with it", () => {
        // The CLI refuses a stack lacking a declared key that has no default ("Stack 'dev' is missing configuration value").
        const defaults = projectDefaults();
        expect(Object.keys(defaults).sort()).toEqual([
            "buildfarm:buildersEnabled",
            "buildfarm:imageSupportsNvme",
            "buildfarm:minimumLevel",
            "buildfarm:network",
            "buildfarm:packageCache",
            "buildfarm:tags",
        ]);
        expect(configOf(defaults)).toEqual(configOf());
    });

    it("Pulumi.dev.yaml sets every key Pulumi.yaml declares without a default", () => {
        const project = readYaml("Pulumi.yaml") as { config: Record<string, { default?: unknown }> };
        const stack = readYaml("Pulumi.dev.yaml") as { config: Record<string, unknown> };
        for (const [key, declaration] of Object.entries(project.config)) {
            if (declaration.default === undefined) expect(Object.keys(stack.config), key).toContain(`buildfarm:${key}`);
        }
    });
});

describe("defaults", () => {
    it("fills in Fedora's production Koji values, the default network and the pool defaults", () => {
        expect(configOf()).toEqual({
            location: "eastus2",
            adminSshPublicKey: ED25519,
            minimumLevel: "x86-64-v3",
            imageSupportsNvme: false,
            buildersEnabled: false,
            vcpuBudget: 400,
            tags: {},
            koji: {
                hubUrl: "https://koji.fedoraproject.org/kojihub",
                topUrls: ["https://kojipkgs.fedoraproject.org/", "https://kojipkgs01.fedoraproject.org", "https://kojipkgs02.fedoraproject.org"],
                auth: { kind: "kerberos", realm: "FEDORAPROJECT.ORG", kdcProxyUrl: "https://id.fedoraproject.org/KdcProxy" },
                hostDomain: "builders.example.org",
                channel: "azure-v3",
                mockDnfCommand: "/usr/bin/dnf-3",
            },
            network: {
                addressSpace: "10.20.0.0/16",
                builderSubnet: "10.20.0.0/20",
                endpointSubnet: "10.20.16.0/24",
                cacheSubnet: "10.20.17.0/24",
                adminSourceCidrs: [],
            },
            packageCache: {},
            pools: [
                {
                    name: "spot",
                    vmSizes: ["Standard_D16as_v5"],
                    minCount: 1,
                    maxCount: 10,
                    spot: undefined,
                    zones: undefined,
                    mockDisk: undefined,
                    minimumLevel: "x86-64-v3",
                },
            ],
        });
    });

    it("gives a Spot pool an all-Spot mix at up to the regular price", () => {
        expect(configOf(withPool({ spot: true })).pools[0].spot).toEqual({ regularBaseCount: 0, regularPercentAboveBase: 0, maxPrice: -1 });
    });

    it("fills in the network keys that are left out", () => {
        expect(configOf(withNetwork({ adminSourceCidrs: ["203.0.113.7"] })).network).toEqual({
            addressSpace: "10.20.0.0/16",
            builderSubnet: "10.20.0.0/20",
            endpointSubnet: "10.20.16.0/24",
            cacheSubnet: "10.20.17.0/24",
            adminSourceCidrs: ["203.0.113.7"],
        });
    });

    it("takes a private hub with certificate logins, without Kerberos settings", () => {
        const koji = configOf(withKoji({ hubUrl: "https://koji.example.org/kojihub", topUrls: ["https://kojipkgs.example.org/"], auth: "certificate" })).koji;
        expect(koji.auth).toEqual({ kind: "certificate" });
        expect(koji.topUrls).toEqual(["https://kojipkgs.example.org/"]);
    });
});

describe("wrong types", () => {
    it.each([
        [{ "buildfarm:vcpuBudget": "lots" }, "buildfarm:vcpuBudget", /^expected a whole number, got "lots" \(text\)$/],
        [{ "buildfarm:vcpuBudget": 12.5 }, "buildfarm:vcpuBudget", /^expected a whole number, got 12.5/],
        [withPool({ maxCount: "10" }), "buildfarm:pools[0].maxCount", /^expected a whole number, got "10" \(text\)$/],
        [withPool({ spot: "yes" }), "buildfarm:pools[0].spot", /^expected true or false, got "yes"/],
        [withPool({ vmSizes: "Standard_D16as_v5" }), "buildfarm:pools[0].vmSizes", /^expected a list, got "Standard_D16as_v5"/],
        [{ "buildfarm:pools": { spot: POOL } }, "buildfarm:pools", /^expected a list, got .* \(a map\)$/],
        [{ "buildfarm:koji": "koji.fedoraproject.org" }, "buildfarm:koji", /^expected a map of keys to values/],
        [{ "buildfarm:tags": { owner: 7 } }, "buildfarm:tags.owner", /^expected text, got 7 \(number\)$/],
    ])("%j is refused at %s", (changes, key, message) => expectError(changes, key, message));

    it("reads a stack value that is not JSON as text and says what was expected", () => {
        const raw = { ...stack(), "buildfarm:pools": "spot" };
        const result = parseStackConfig(raw);
        expect(result.ok ? [] : result.errors).toEqual([{ key: "buildfarm:pools", message: 'expected a list, got "spot" (text)' }]);
    });
});

describe("missing keys", () => {
    it.each([
        ["buildfarm:adminSshPublicKey", /^is required: your OpenSSH public key: pulumi config set buildfarm:adminSshPublicKey/],
        ["buildfarm:vcpuBudget", /^is required: the vCPU quota/],
        ["buildfarm:pools", /^is required: a list of one or more pools/],
        ["buildfarm:koji", "is required: a map with at least hostDomain and channel"],
        [LOCATION_KEY, /^is required: the Azure region: pulumi config set azure-native:location eastus2$/],
    ])("%s", (key, message) => expectError({ [key]: undefined }, key, message));

    it("names the missing key inside an object", () => {
        expectError({ "buildfarm:koji": { channel: "azure-v3" } }, "buildfarm:koji.hostDomain", /^is required: the DNS suffix/);
        expectError({ "buildfarm:pools": [{ vmSizes: ["Standard_D16as_v5"], maxCount: 2 }] }, "buildfarm:pools[0].name", /^is required/);
        expectError({ "buildfarm:pools": [{ name: "spot", vmSizes: ["Standard_D16as_v5"] }] }, "buildfarm:pools[0].maxCount", /^is required: the most VMs/);
    });

    it("needs at least one pool, one size and one topurl", () => {
        expectError({ "buildfarm:pools": [] }, "buildfarm:pools", "needs at least 1 entry");
        expectError(withPool({ vmSizes: [] }), "buildfarm:pools[0].vmSizes", "needs at least 1 entry");
        expectError(withKoji({ topUrls: [] }), "buildfarm:koji.topUrls", "needs at least 1 entry");
    });
});

describe("unknown keys", () => {
    it.each([
        [{ "buildfarm:pool": [POOL] }, "buildfarm:pool", "unknown key; did you mean buildfarm:pools?"],
        [{ "buildfarm:vcpubudget": 8 }, "buildfarm:vcpubudget", "unknown key; did you mean buildfarm:vcpuBudget?"],
        [{ "buildfram:tags": {} }, "buildfram:tags", "unknown key; did you mean buildfarm:tags?"],
        [{ "azure-native:locaton": "eastus2" }, "azure-native:locaton", "unknown key; did you mean azure-native:location?"],
        [withPool({ maxcount: 10 }), "buildfarm:pools[0].maxcount", 'unknown key; did you mean "maxCount"?'],
        [withPool({ vmSize: ["Standard_D16as_v5"] }), "buildfarm:pools[0].vmSize", 'unknown key; did you mean "vmSizes"?'],
        [withKoji({ hubURL: "https://koji.example.org" }), "buildfarm:koji.hubURL", 'unknown key; did you mean "hubUrl"?'],
        [withNetwork({ adminCidrs: [] }), "buildfarm:network.adminCidrs", /^unknown key; the keys here are addressSpace, /],
    ])("%j", (changes, key, message) => expectError(changes, key, message));

    it("gives a misspelt required key one line, not a second one saying the key is missing", () => {
        expectError(
            { "buildfarm:vcpuBudget": undefined, "buildfarm:vcpubudget": 400 },
            "buildfarm:vcpubudget",
            "unknown key; did you mean buildfarm:vcpuBudget?",
        );
        expectError(
            { "buildfarm:pools": [{ name: "spot", vmSizes: ["Standard_D16as_v5"], maxcount: 10 }] },
            "buildfarm:pools[0].maxcount",
            'unknown key; did you mean "maxCount"?',
        );
    });

    it("leaves other packages' settings alone", () => {
        expect(configOf({ "azure-native:subscriptionId": "00000000-0000-0000-0000-000000000000" }).location).toBe("eastus2");
    });
});

describe("VM sizes", () => {
    it("accepts a v3 mix and a v4 size at the default minimum level", () => {
        expect(configOf(withPool({ vmSizes: ["Standard_D16as_v5", "Standard_D4s_v5"] })).pools[0].vmSizes).toHaveLength(2);
    });

    it.each([
        ["Standard_A2_v2", /^not allowed \(below-minimum-level\): Standard_A2_v2: the Av2/],
        ["Standard_D4ps_v6", /^not allowed \(arm64\): Standard_D4ps_v6: .*Arm64/],
        ["Standard_Q9_v9", /^not allowed \(unknown\): Standard_Q9_v9/],
    ])("refuses %s with the catalog's reason", (size, message) => {
        expectError(withPool({ vmSizes: ["Standard_D16as_v5", size] }), "buildfarm:pools[0].vmSizes[1]", message);
    });

    it("judges sizes at the date asked for, so a retired series is refused from its retirement on", () => {
        const raw = stack(withPool({ vmSizes: ["Standard_F16s_v2"] }));
        expect(parseStackConfig(raw, { asOf: new Date("2026-11-01") }).ok).toBe(true);
        const later = parseStackConfig(raw, { asOf: new Date("2029-01-01") });
        expect(later.ok ? [] : later.errors).toEqual([{ key: "buildfarm:pools[0].vmSizes[0]", message: expect.stringMatching(/^not allowed \(retired\): /) }]);
    });

    it("checks sizes at the configured minimum level", () => {
        const changes = { "buildfarm:minimumLevel": "x86-64-v4", ...withPool({ vmSizes: ["Standard_D16as_v5", "Standard_D16s_v5"] }) };
        expectError(changes, "buildfarm:pools[0].vmSizes[0]", /below-minimum-level/);
    });

    it("lets one pool ask for x86-64-v4 on its own, and holds its sizes to it", () => {
        const strict = configOf(withPool({ vmSizes: ["Standard_D16s_v5"], minimumLevel: "x86-64-v4" }));
        expect(strict.minimumLevel).toBe("x86-64-v3");
        expect(strict.pools[0].minimumLevel).toBe("x86-64-v4");
        expectError(withPool({ minimumLevel: "x86-64-v4" }), "buildfarm:pools[0].vmSizes", /^Standard_D16as_v5 is not allowed \(below-minimum-level\)/);
    });

    it("never lets a pool ask for less than the farm's floor", () => {
        expectError(
            { "buildfarm:minimumLevel": "x86-64-v4", ...withPool({ vmSizes: ["Standard_D16s_v5"], minimumLevel: "x86-64-v3" }) },
            "buildfarm:pools[0].minimumLevel",
            /^a pool may ask for a stricter level than the farm's minimumLevel \(x86-64-v4\), never a looser one$/,
        );
    });

    it("counts a constrained size at its parent's vCPUs against the budget", () => {
        expectError(
            { "buildfarm:vcpuBudget": 159, ...withPool({ vmSizes: ["Standard_E16-4ads_v5"] }) },
            "buildfarm:vcpuBudget",
            /^the farm can reach 168 vCPUs \(spot 10 x 16 = 160, package cache 2 x 4 = 8\)/,
        );
    });

    it("takes mock's dnf command as an absolute path only", () => {
        expect(configOf(withKoji({ mockDnfCommand: "/usr/bin/dnf5" })).koji.mockDnfCommand).toBe("/usr/bin/dnf5");
        expectError(withKoji({ mockDnfCommand: "dnf5" }), "buildfarm:koji.mockDnfCommand", /^must be an absolute path such as \/usr\/bin\/dnf5/);
    });

    it("refuses a minimum level below v3, naming the choices", () => {
        expectError(
            { "buildfarm:minimumLevel": "x86-64-v2" },
            "buildfarm:minimumLevel",
            /^must be one of "x86-64-v3", "x86-64-v4", got "x86-64-v2" \(text\); did you mean "x86-64-v3"\?$/,
        );
    });

    it("asks the pool plan about a mix Azure would refuse and a mock disk the sizes lack", () => {
        expectError(
            withPool({ vmSizes: ["Standard_D16as_v5", "Standard_D16ads_v5"] }),
            "buildfarm:pools[0].vmSizes",
            /^the sizes differ \(Standard_D16as_v5: no local disk; Standard_D16ads_v5: a temp \(resource\) disk\).*"instance-mix-local-disk".*instance-mix-overview\)$/,
        );
        expectError(
            withPool({ mockDisk: "local" }),
            "buildfarm:pools[0].mockDisk",
            /^mockDisk "local" needs sizes with that local disk, but Standard_D16as_v5 has no local disk/,
        );
        expect(configOf(withPool({ vmSizes: ["Standard_D16ads_v5"], mockDisk: "local" })).pools[0].mockDisk).toBe("local");
    });

    it("limits an instance mix to five distinct sizes", () => {
        const six = ["Standard_D2as_v5", "Standard_D4as_v5", "Standard_D8as_v5", "Standard_D16as_v5", "Standard_D32as_v5", "Standard_D48as_v5"];
        expectError(withPool({ vmSizes: six }), "buildfarm:pools[0].vmSizes", "an instance mix takes at most 5 sizes");
        expectError(
            withPool({ vmSizes: ["Standard_D16as_v5", "Standard_E16as_v5", "Standard_D16as_v5"] }),
            "buildfarm:pools[0].vmSizes[2]",
            'size "Standard_D16as_v5" is already at [0]; remove one',
        );
    });
});

describe("counts", () => {
    it.each([
        [{ minCount: 5, maxCount: 4 }, "minCount", "5 is more than maxCount 4; lower it or raise maxCount"],
        [{ maxCount: 1000 }, "maxCount", "must be at most 999 (one three-digit slot per VM), got 1000"],
        [{ maxCount: 0 }, "maxCount", "must be at least 1, got 0"],
        [{ minCount: -1 }, "minCount", "must be at least 1 (CPU autoscale measures running builders, so an empty pool never grows), got -1"],
        [{ minCount: 0 }, "minCount", "must be at least 1 (CPU autoscale measures running builders, so an empty pool never grows), got 0"],
        [{ spot: true, regularPercentAboveBase: 101 }, "regularPercentAboveBase", "must be at most 100, got 101"],
        [{ spot: true, regularPercentAboveBase: -5 }, "regularPercentAboveBase", "must be at least 0, got -5"],
        [{ spot: true, regularBaseCount: 11 }, "regularBaseCount", "11 is more than maxCount 10"],
        [{ spot: true, maxPrice: 0 }, "maxPrice", "must be -1 (up to the regular price) or a positive USD price per hour"],
        [{ spot: true, maxPrice: -2 }, "maxPrice", /^must be -1/],
    ])("%j", (changes, key, message) => expectError(withPool(changes), `buildfarm:pools[0].${key}`, message));

    it("takes a positive Spot price", () => {
        expect(configOf(withPool({ spot: true, maxPrice: 0.25, regularBaseCount: 2, regularPercentAboveBase: 20 })).pools[0].spot).toEqual({
            regularBaseCount: 2,
            regularPercentAboveBase: 20,
            maxPrice: 0.25,
        });
    });

    it.each(["regularBaseCount", "regularPercentAboveBase", "maxPrice"])("refuses %s without spot", (key) => {
        expectError(withPool({ [key]: 1 }), `buildfarm:pools[0].${key}`, "is a Spot setting but the pool has spot: false; set spot: true or remove it");
    });

    it("refuses a zero or fractional budget", () => {
        expectError({ "buildfarm:vcpuBudget": 0 }, "buildfarm:vcpuBudget", "must be at least 1, got 0");
    });

    it("refuses pools that can outgrow the vCPU budget, with the arithmetic", () => {
        const pools = [POOL, { name: "big", vmSizes: ["Standard_D8as_v5", "Standard_D32as_v5"], maxCount: 8 }];
        expectError(
            { "buildfarm:pools": pools, "buildfarm:vcpuBudget": 300 },
            "buildfarm:vcpuBudget",
            "the farm can reach 424 vCPUs (spot 10 x 16 = 160, big 8 x 32 = 256, package cache 2 x 4 = 8) but the budget is 300; lower maxCount, use smaller sizes or raise vcpuBudget",
        );
    });
});

describe("pool names", () => {
    it.each([
        ["Spot", /^pool names become resource and host names: lower-case letters/],
        ["1pool", /^pool names become resource and host names/],
        ["spot-", /not ending with a hyphen$/],
        ["spot_pool", /^pool names become resource and host names/],
        [
            "a".repeat(POOL_NAME_MAX + 1),
            /^pool names are at most 39 characters, so that the scale set's name and the slots' host names fit Azure's and DNS's limits$/,
        ],
    ])("refuses %s", (name, message) => expectError(withPool({ name }), "buildfarm:pools[0].name", message));

    it(`takes a name of ${POOL_NAME_MAX} characters`, () => {
        expect(configOf(withPool({ name: "a".repeat(POOL_NAME_MAX) })).pools[0].name).toHaveLength(39);
    });

    it("refuses a name used twice, at the second pool", () => {
        const pools = [POOL, { ...POOL, name: "other" }, POOL];
        expectError(
            { "buildfarm:pools": pools, "buildfarm:vcpuBudget": 500 },
            "buildfarm:pools[2].name",
            '"spot" is also the name of pools[0]; pool names must be unique',
        );
    });
});

describe("zones and mock disk", () => {
    it("takes a subset of the three zones, with a builder per zone", () => {
        expect(configOf(withPool({ zones: ["1", "3"], minCount: 2 })).pools[0].zones).toEqual(["1", "3"]);
        expectError(withPool({ zones: ["1", "3"] }), "buildfarm:pools[0].minCount", /^minCount \(1\) is below the number of zones \(2\)/);
    });

    it("checks each zone's subnet holds that zone's builders, naming the split", () => {
        expectError(
            {
                "buildfarm:network": { builderSubnet: "10.20.0.0/24" },
                "buildfarm:vcpuBudget": 4000,
                ...withPool({ zones: ["1", "2", "3"], minCount: 3, maxCount: 200 }),
            },
            "buildfarm:network.builderSubnet",
            /^10\.20\.0\.0\/24 is split into 3 zone subnets \(10\.20\.0\.0\/26, 10\.20\.0\.64\/26, 10\.20\.0\.128\/26\) of 59 usable addresses each .* one zone's scale sets can reach 67 VMs; use a \/23 or larger/,
        );
        expect(
            configOf({
                "buildfarm:network": { builderSubnet: "10.20.0.0/23" },
                "buildfarm:vcpuBudget": 4000,
                ...withPool({ zones: ["1", "2", "3"], minCount: 3, maxCount: 200 }),
            }).pools,
        ).toHaveLength(1);
    });

    it.each([
        [{ zones: ["4"] }, "zones[0]", 'must be one of "1", "2", "3", got "4" (text)'],
        [{ zones: [1] }, "zones[0]", /^must be one of "1", "2", "3", got 1 \(number\)/],
        [{ zones: ["1", "1"] }, "zones[1]", 'zone "1" is already at [0]; remove one'],
        [{ zones: [] }, "zones", "needs at least 1 entry"],
        [{ mockDisk: "ssd" }, "mockDisk", 'must be one of "local", "nvme", "resource", "data-disk", "os-disk", got "ssd" (text)'],
        [{ mockDisk: "data" }, "mockDisk", /got "data" \(text\); did you mean "data-disk"\?$/],
        [{ mockDisk: "Local" }, "mockDisk", /did you mean "local"\?$/],
    ])("%j", (changes, key, message) => expectError(withPool(changes), `buildfarm:pools[0].${key}`, message));
});

describe("Koji", () => {
    it.each([
        [{ hubUrl: "http://koji.fedoraproject.org/kojihub" }, "hubUrl", "must be an https:// URL"],
        [{ topUrls: ["https://kojipkgs.fedoraproject.org/", "ftp://mirror.example.org/"] }, "topUrls[1]", "must be an https:// URL"],
        [{ kdcProxyUrl: "id.fedoraproject.org/KdcProxy" }, "kdcProxyUrl", "must be an https:// URL"],
        [{ realm: "fedoraproject.org" }, "realm", "Kerberos realms are upper case, e.g. FEDORAPROJECT.ORG"],
        [{ hostDomain: "Builders.Example.org" }, "hostDomain", /^must be a lower-case DNS name/],
        [{ hostDomain: "localhost" }, "hostDomain", /^must be a lower-case DNS name/],
        [{ channel: "azure v3" }, "channel", "use letters, digits and / _ . + - only"],
        [{ auth: "password" }, "auth", 'must be one of "kerberos", "certificate", got "password" (text)'],
    ])("%j", (changes, key, message) => expectError(withKoji(changes), `buildfarm:koji.${key}`, message));

    it("refuses certificate logins against Fedora's hub, and Kerberos settings with certificates", () => {
        expect(errorsOf(withKoji({ auth: "certificate", realm: "EXAMPLE.ORG" }))).toEqual([
            { key: "buildfarm:koji.realm", message: 'is only used with auth "kerberos"; remove it' },
            { key: "buildfarm:koji.auth", message: 'Fedora\'s hub accepts Kerberos logins only; use auth "kerberos" or a private hubUrl' },
        ]);
    });

    it("refuses a host domain that makes slot host names longer than DNS allows", () => {
        const hostDomain = Array.from({ length: 4 }, () => "d".repeat(61)).join(".");
        expectError(withKoji({ hostDomain }), "buildfarm:koji.hostDomain", /^host name spot-010\.d+\..* is longer than 253 characters; use a shorter domain$/);
    });
});

describe("the SSH key", () => {
    it("takes ed25519 and RSA keys of 2048 bits or more", () => {
        expect(configOf({ "buildfarm:adminSshPublicKey": RSA_3072 }).adminSshPublicKey).toBe(RSA_3072);
        expect(configOf({ "buildfarm:adminSshPublicKey": `${ED25519}\n` }).adminSshPublicKey).toBe(`${ED25519}\n`);
    });

    const [, ed25519Blob] = ED25519.split(" ");
    it.each([
        ["not-a-key", /^expected an OpenSSH public key line/],
        ["not a key", /^unknown key type "not"; expected an OpenSSH public key line/],
        ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----", /^this is a private key/],
        [ECDSA, /^Azure Linux VMs accept ssh-ed25519 and ssh-rsa keys only, not ecdsa-sha2-nistp256/],
        [RSA_1024, "a 1024-bit RSA key is too short for Azure (2048 or more); use ssh-keygen -t ed25519"],
        [`ssh-rsa ${ed25519Blob} mislabelled`, "the key data is a ssh-ed25519 key but the line says ssh-rsa; copy the .pub file unchanged"],
        [`ssh-ed25519 ${ed25519Blob.slice(0, 40)}`, /^the key data after "ssh-ed25519" is not valid base64 key data$/],
        ["ssh-ed25519 not*base64", /^the key data after "ssh-ed25519" is not valid base64 key data$/],
        [`ssh-dss ${ed25519Blob}`, /^unknown key type "ssh-dss"/],
        [`${ED25519}\n${RSA_3072}`, /^give one key on one line/],
    ])("refuses %s", (key, message) => expectError({ "buildfarm:adminSshPublicKey": key }, "buildfarm:adminSshPublicKey", message));
});

describe("the network", () => {
    it.each([
        [{ addressSpace: "10.20.0.0/33" }, "addressSpace", '"10.20.0.0/33" is not an IPv4 address or CIDR range in four-part decimal, such as 10.20.0.0/16'],
        [{ addressSpace: "fd00::/48" }, "addressSpace", '"fd00::/48" is not an IPv4 address or CIDR range in four-part decimal, such as 10.20.0.0/16'],
        // ipaddr.js alone reads hex parts; Azure does not, and BuilderNetwork would refuse it with a stack trace.
        [{ addressSpace: "0x0a.0.0.0/8" }, "addressSpace", '"0x0a.0.0.0/8" is not an IPv4 address or CIDR range in four-part decimal, such as 10.20.0.0/16'],
        [{ builderSubnet: "10.20.1.0/20" }, "builderSubnet", '"10.20.1.0/20" has host bits set; did you mean 10.20.0.0/20?'],
        [{ endpointSubnet: "10.20.16.0/30" }, "endpointSubnet", "10.20.16.0/30 is smaller than Azure's smallest subnet, /29; use a larger range"],
        [{ endpointSubnet: "10.30.0.0/24" }, "endpointSubnet", "10.30.0.0/24 is outside addressSpace 10.20.0.0/16; pick a range inside it"],
        [{ endpointSubnet: "10.20.8.0/24" }, "endpointSubnet", "10.20.8.0/24 overlaps builderSubnet 10.20.0.0/20; subnets must not overlap"],
        [{ adminSourceCidrs: ["0.0.0.0/0"] }, "adminSourceCidrs[0]", "0.0.0.0/0 would open SSH to the whole internet; list the networks you administer from"],
        [{ adminSourceCidrs: ["203.0.113.0/24", "::/0"] }, "adminSourceCidrs[1]", /^"::\/0" is not an IPv4 address or CIDR range/],
        [{ adminSourceCidrs: ["203.0.113.9", "203.0.113.9"] }, "adminSourceCidrs[1]", 'range "203.0.113.9" is already at [0]; remove one'],
        [
            { adminSourceCidrs: ["10.1.0.0/16"] },
            "adminSourceCidrs[0]",
            '"10.1.0.0/16" is a private range; service firewalls only filter public addresses, use the private endpoint instead',
        ],
        [{ adminSourceCidrs: ["203.0.113.8/31"] }, "adminSourceCidrs[0]", '"203.0.113.8/31": Azure Storage does not accept /31 ranges; list the two addresses'],
    ])("%j", (changes, key, message) => expectError(withNetwork(changes), `buildfarm:network.${key}`, message));

    it("asks the network plan and the firewalls' rule apart, so a bad admin range does not hide a bad subnet", () => {
        expect(errorsOf(withNetwork({ endpointSubnet: "10.20.8.0/24", adminSourceCidrs: ["10.1.0.0/16"] })).map((error) => error.key)).toEqual([
            "buildfarm:network.endpointSubnet",
            "buildfarm:network.adminSourceCidrs[0]",
        ]);
    });

    it("reports every network mistake at once, not only the first the component would throw", () => {
        const network = { endpointSubnet: "10.20.8.0/24", adminSourceCidrs: ["0.0.0.0/0"], cacheSubnet: "10.21.0.0/24" };
        expect(errorsOf(withNetwork(network)).map((error) => error.key)).toEqual([
            "buildfarm:network.adminSourceCidrs[0]",
            "buildfarm:network.cacheSubnet",
            "buildfarm:network.endpointSubnet",
        ]);
    });

    it("reports what BuilderNetwork would refuse, on the same key and in the same words", () => {
        const network = { addressSpace: "10.50.0.0/16" };
        // Every range the space leaves out, one line each, as the plan lists them.
        expect(errorsOf(withNetwork(network))).toEqual(
            builderNetworkProblems(network).map((problem) => ({ key: `buildfarm:network.${problem.propertyPath}`, message: problem.reason })),
        );
        expect(errorsOf(withNetwork(network)).map((error) => error.key)).toEqual([
            "buildfarm:network.builderSubnet",
            "buildfarm:network.endpointSubnet",
            "buildfarm:network.cacheSubnet",
        ]);
        expect(() => planBuilderNetwork(network)).toThrow("builderSubnet: 10.20.0.0/20 is outside addressSpace 10.50.0.0/16; pick a range inside it");
    });

    it("refuses a range that is too small once split over the pools' zones", () => {
        expectError(
            { ...withNetwork({ cacheSubnet: "10.20.17.0/29" }), ...withPool({ zones: ["1", "2"], minCount: 2 }) },
            "buildfarm:network.cacheSubnet",
            "10.20.17.0/29 split over 2 zones gives 10.20.17.0/30, which is smaller than Azure's smallest subnet, /29; use a larger range",
        );
    });

    it("refuses a cache subnet that overlaps another, naming both", () => {
        expectError(
            withNetwork({ cacheSubnet: "10.20.16.0/25" }),
            "buildfarm:network.cacheSubnet",
            "10.20.16.0/25 overlaps endpointSubnet 10.20.16.0/24; subnets must not overlap",
        );
    });

    it("needs a builder subnet that holds every pool at its maximum plus Azure's five addresses", () => {
        const network = { builderSubnet: "10.20.0.0/27", endpointSubnet: "10.20.1.0/28" };
        const pool = (maxCount: number) => ({ ...withNetwork(network), ...withPool({ maxCount }), "buildfarm:vcpuBudget": 1000 });
        expect(configOf(pool(27)).network.builderSubnet).toBe("10.20.0.0/27");
        expectError(
            pool(28),
            "buildfarm:network.builderSubnet",
            "10.20.0.0/27 has 27 usable addresses (Azure keeps 5) but the pools' maxCount adds up to 28; use a /26 or larger, or lower maxCount",
        );
    });
});

describe("package cache", () => {
    it("asks the cache plan, on the cache's own keys", () => {
        expect(configOf({ "buildfarm:packageCache": { count: 3, diskSizeGb: 1024 } }).packageCache).toEqual({ count: 3, diskSizeGb: 1024 });
        expectError(
            { "buildfarm:packageCache": { count: 1 } },
            "buildfarm:packageCache.count",
            /^count must be a whole number from 2 to 10, got 1: with one cache VM, its loss would fail every task$/,
        );
        expectError({ "buildfarm:packageCache": { vmSize: "Standard_D4pds_v5" } }, "buildfarm:packageCache.vmSize", /^Standard_D4pds_v5 is not allowed/);
        expectError({ "buildfarm:packageCache": { vmSize: "Standard_D4_v3" } }, "buildfarm:packageCache.vmSize", /^Standard_D4_v3 takes no Premium SSD/);
        expectError(
            { "buildfarm:packageCache": { vmSize: "Standard_D4as_v5", diskSizeGb: 8 } },
            "buildfarm:packageCache.diskSizeGb",
            /^diskSizeGb must be a whole number of GiB from 32/,
        );
        expectError({ "buildfarm:packageCache": { size: "Standard_D4as_v5" } }, "buildfarm:packageCache.size", /unknown key/);
    });

    it("puts a cache VM in every zone the pools use", () => {
        expectError(
            { "buildfarm:packageCache": { count: 2 }, ...withPool({ zones: ["1", "2", "3"], minCount: 3 }) },
            "buildfarm:packageCache.count",
            /^count \(2\) is below the number of zones \(3\)/,
        );
    });
});

describe("tags and location", () => {
    it.each([
        [{ "cost/center": "x" }, 'buildfarm:tags["cost/center"]', "tag names cannot contain < > % & \\ ? /"],
        [{ azureOwner: "x" }, "buildfarm:tags.azureOwner", "tag names cannot start with microsoft, azure or windows"],
        [{ owner: "x".repeat(257) }, "buildfarm:tags.owner", "must be at most 256 characters"],
        [Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`tag${index}`, "x"])), "buildfarm:tags", "at most 50 tags per resource"],
    ])("refuses tags %#", (tags, key, message) => expectError({ "buildfarm:tags": tags }, key, message));

    it("keeps tags as given", () => {
        expect(configOf({ "buildfarm:tags": { "cost-center": "fedora" } }).tags).toEqual({ "cost-center": "fedora" });
    });

    it("wants the region's programmatic name", () => {
        expectError({ [LOCATION_KEY]: "East US 2" }, LOCATION_KEY, "use the region's programmatic name, lower case without spaces, e.g. eastus2");
    });

    it("knows Azure's regions, with a did-you-mean", () => {
        expectError({ [LOCATION_KEY]: "westus33" }, LOCATION_KEY, /^"westus33" is not an Azure region .*; did you mean westus3\?$/);
        expectError({ [LOCATION_KEY]: "austriaeast" }, LOCATION_KEY, "Austria East is not open yet; pick another region");
    });

    it("refuses a region Fedora does not replicate its images to", () => {
        expectError(
            { [LOCATION_KEY]: "westus" },
            LOCATION_KEY,
            /^Fedora's Cloud images are not replicated to West US, so builders cannot boot there; use one of australiaeast, /,
        );
    });
});

describe("all errors at once", () => {
    it("reports every mistake, one line each, in key order", () => {
        const result = parseStackConfig(
            stack({
                "buildfarm:pool": [],
                "buildfarm:adminSshPublicKey": ECDSA,
                "buildfarm:vcpuBudget": "many",
                "buildfarm:koji": { hostDomain: "builders.example.org", channel: "azure-v3", hubUrl: "http://koji.example.org" },
                "buildfarm:network": { adminSourceCidrs: ["0.0.0.0/0"] },
                "buildfarm:pools": [
                    { ...POOL, maxcount: 3 },
                    { name: "Regular", vmSizes: ["Standard_A2_v2"], minCount: 3, maxCount: 2 },
                ],
            }),
        );
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors.map((error) => error.key)).toEqual([
            "buildfarm:pool",
            "buildfarm:adminSshPublicKey",
            "buildfarm:vcpuBudget",
            "buildfarm:koji.hubUrl",
            "buildfarm:network.adminSourceCidrs[0]",
            "buildfarm:pools[0].maxcount",
            "buildfarm:pools[1].name",
            "buildfarm:pools[1].vmSizes[0]",
            "buildfarm:pools[1].minCount",
        ]);
        const lines = formatConfigErrors(result.errors).split("\n");
        expect(lines).toHaveLength(9);
        expect(lines[5]).toBe('buildfarm:pools[0].maxcount: unknown key; did you mean "maxCount"?');
    });
});
