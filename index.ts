/**
 * Fedora's x86_64-v3 Koji build farm on Azure. Reads the `buildfarm:` stack configuration, refuses it with one
 * line per mistake before any resource is registered, then stands up the farm and exports what an operator needs.
 */
// First, so that every module after it is compiled once and then read from Node's compile cache.
import "./policy/lib/compile-cache";
import * as pulumi from "@pulumi/pulumi";
import { BuildFarm } from "./components/build-farm";
import { InputPropertyError } from "./lib/input-property-error";
import { formatConfigErrors, parseStackConfig } from "./lib/stack-config";

function buildFarm(): BuildFarm {
    const parsed = parseStackConfig(pulumi.runtime.allConfig());
    if (!parsed.ok) {
        // RunError ends the program with its message alone: a user's mistake deserves no stack trace.
        throw new pulumi.RunError(formatConfigErrors(parsed.errors));
    }
    try {
        return new BuildFarm("buildfarm", { config: parsed.config });
    } catch (error) {
        // Every pure plan refuses an argument with this one error type: its one line is the whole message.
        if (error instanceof InputPropertyError) throw new pulumi.RunError(error.message);
        throw error;
    }
}

const farm = buildFarm();

export const resourceGroupName = farm.resourceGroupName;
/** Fedora Infrastructure allow-lists these: every builder connection leaves from them. */
export const egressAddresses = farm.egressAddresses;
export const storageAccountName = farm.storageAccountName;
export const blobEndpoint = farm.blobEndpoint;
/** The regional kojipkgs cache: every builder's first topurl, reachable from the builder subnets only. */
export const packageCacheUrl = farm.packageCacheUrl;
/** Per pool: its scale sets, sizes with their levels, slot host names and its own vault. */
export const pools = farm.pools;
/** `pulumi stack output kojiAdminScript`: register the slots with the hub and upload their secrets, before the first boot. */
export const kojiAdminScript = farm.kojiAdminScript;
