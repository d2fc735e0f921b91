/** The top-level keys, their types, and unknown-key suggestions. Part of the stack configuration (./index.ts). */
import { z } from "zod";
import { DEFAULT_MINIMUM_LEVEL, MINIMUM_LEVELS } from "../../policy/catalog/types";
import { AZURE_REGIONS, FEDORA_IMAGE_REGIONS, findRegion } from "../azure-regions";
import { ConfigError } from "./types";
import { DEFAULT_NETWORK, LOCATION_KEY, NAMESPACE } from "./limits";
import { addIssue, list, sshPublicKey } from "./fields";
import { kojiSchema, networkSchema, packageCacheSchema, tagsSchema } from "./sections";
import { likely } from "./messages";

/** How Pulumi stores a key: structured values arrive as JSON text. Pulumi.yaml declares the same types. */
export type ConfigType = "string" | "integer" | "boolean" | "object" | "array";

/** Every `buildfarm:` key with its Pulumi.yaml type (`azure-native:location` is the provider's, not declared). */
export const CONFIG_KEYS = {
    adminSshPublicKey: "string",
    koji: "object",
    network: "object",
    packageCache: "object",
    pools: "array",
    minimumLevel: "string",
    imageSupportsNvme: "boolean",
    buildersEnabled: "boolean",
    tags: "object",
    vcpuBudget: "integer",
} as const satisfies Record<string, ConfigType>;
export type Key = keyof typeof CONFIG_KEYS;

export const KEY_NAMES = Object.keys(CONFIG_KEYS);

/**
 * A top-level key the program does not read: an error when it is in (or near) the `buildfarm` namespace or
 * looks like `azure-native:location`; keys of other namespaces are other packages' settings and pass.
 */
export function unknownTopLevelKey(fullKey: string): ConfigError | undefined {
    const [namespace, key = ""] = fullKey.split(/:(.*)/s);
    const ours = namespace === NAMESPACE || likely(namespace, [NAMESPACE]) !== undefined;
    if (ours && (namespace !== NAMESPACE || !KEY_NAMES.includes(key))) {
        const guess = likely(key, KEY_NAMES);
        const known = KEY_NAMES.map((name) => `${NAMESPACE}:${name}`).join(", ");
        return {
            key: fullKey,
            message: guess === undefined ? `unknown key; the keys are ${known}` : `unknown key; did you mean ${NAMESPACE}:${guess}?`,
            meant: guess === undefined ? undefined : `${NAMESPACE}:${guess}`,
        };
    }
    if (`${namespace}:${key}` !== LOCATION_KEY && namespace === LOCATION_KEY.split(":")[0] && likely(key, ["location"]) !== undefined) {
        return { key: fullKey, message: `unknown key; did you mean ${LOCATION_KEY}?`, meant: LOCATION_KEY };
    }
    return undefined;
}

export const topLevel = {
    location: z
        .string()
        .regex(/^[a-z][a-z0-9]*$/, "use the region's programmatic name, lower case without spaces, e.g. eastus2")
        .superRefine((name, ctx) => {
            if (!/^[a-z][a-z0-9]*$/.test(name)) return; // said above
            const region = findRegion(name);
            if (region === undefined) {
                const guess = likely(
                    name,
                    AZURE_REGIONS.map((candidate) => candidate.name),
                );
                addIssue(
                    ctx,
                    [],
                    `"${name}" is not an Azure region (learn.microsoft.com/azure/reliability/regions-list)${guess ? `; did you mean ${guess}?` : ""}`,
                );
            } else if (region.access === "coming-soon") {
                addIssue(ctx, [], `${region.displayName} is not open yet; pick another region`);
            } else if (!FEDORA_IMAGE_REGIONS.includes(name)) {
                // A community gallery image boots only where it is replicated. Every one of those regions has
                // availability zones (a test holds the lists to it), so pool zones need no check of their own.
                addIssue(
                    ctx,
                    [],
                    `Fedora's Cloud images are not replicated to ${region.displayName}, so builders cannot boot there; use one of ${FEDORA_IMAGE_REGIONS.join(", ")}`,
                );
            }
        })
        .describe("the Azure region: pulumi config set azure-native:location eastus2"),
    adminSshPublicKey: sshPublicKey.describe(`your OpenSSH public key: pulumi config set ${NAMESPACE}:adminSshPublicKey "$(cat ~/.ssh/id_ed25519.pub)"`),
    minimumLevel: z.enum(MINIMUM_LEVELS).default(DEFAULT_MINIMUM_LEVEL),
    imageSupportsNvme: z.boolean().default(false),
    buildersEnabled: z.boolean().default(false),
    vcpuBudget: z.int().min(1).describe("the vCPU quota donated for the farm, e.g. 512"),
    tags: tagsSchema.default({}),
    koji: kojiSchema,
    network: networkSchema.default({ ...DEFAULT_NETWORK, adminSourceCidrs: [] }),
    packageCache: packageCacheSchema,
    pools: list(z.unknown(), 1).describe("a list of one or more pools, each with name, vmSizes and maxCount"),
};
