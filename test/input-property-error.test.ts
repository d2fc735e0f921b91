/**
 * Every pure plan refuses a bad argument with the one error type, carrying the property path, in one line;
 * index.ts turns exactly that type into the user's one line.
 */
import { describe, expect, it } from "vitest";
import { planBuilderNetwork } from "../lib/builder-network-plan";
import { planArtifactStore } from "../lib/artifact-store-plan";
import { planSecretVault } from "../lib/secret-vault-plan";
import { planBuilderPool } from "../lib/builder-pool-plan";
import { renderBuilderCloudInit } from "../lib/cloud-init";
import { InputPropertyError } from "../lib/input-property-error";
import { planInstanceHealth } from "../lib/instance-health";
import { renderPackageCacheNginxConf } from "../lib/package-cache/nginx";
import { planPackageCache } from "../lib/package-cache/plan";
import { fedoraBuilderSettings } from "./helpers/builder-settings";

function thrown(action: () => unknown): InputPropertyError {
    try {
        action();
    } catch (error) {
        expect(error).toBeInstanceOf(InputPropertyError);
        expect((error as Error).message).not.toContain("\n");
        return error as InputPropertyError;
    }
    throw new Error("expected the plan to refuse the argument");
}

describe("InputPropertyError from every plan", () => {
    it.each([
        ["network: a NAT gateway's IPs", () => planBuilderNetwork({ egress: { publicIpCount: 20 } }), "egress.publicIpCount"],
        ["network: an address in hex", () => planBuilderNetwork({ addressSpace: "0x0a.0.0.0/8" }), "addressSpace"],
        ["network: overlapping subnets", () => planBuilderNetwork({ cacheSubnet: "10.20.16.0/25" }), "cacheSubnet"],
        ["network: an admin range open to all", () => planBuilderNetwork({ adminSourceCidrs: ["0.0.0.0/0"] }), "adminSourceCidrs[0]"],
        ["store: a prefix with capitals", () => planArtifactStore({ slotIds: [], accountNamePrefix: "Koji" }), "accountNamePrefix"],
        ["vault: a retention Key Vault refuses", () => planSecretVault({ softDeleteRetentionDays: 3 }), "softDeleteRetentionDays"],
        ["pool: a size below v3", () => planBuilderPool({ name: "p", vmSizes: ["Standard_A2_v2"], minCount: 1, maxCount: 2 }), "vmSizes"],
        ["cache: one VM", () => planPackageCache({ count: 1 }), "count"],
        ["nginx: an ftp origin", () => renderPackageCacheNginxConf({ origins: ["ftp://x"], listenPort: 80, cacheDir: "/c", maxSizeGb: 1 }), "origins[0]"],
        ["cloud-init: a plain-HTTP hub", () => renderBuilderCloudInit(fedoraBuilderSettings({ kojiHubUrl: "http://koji.example.org/kojihub" })), "kojiHubUrl"],
        ["health: a grace Azure refuses", () => planInstanceHealth({ port: 80, path: "/" }, 10), "healthGraceSeconds"],
    ])("%s", (_case, action, propertyPath) => {
        expect(thrown(action).propertyPath).toBe(propertyPath);
    });
});
