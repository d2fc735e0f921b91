/**
 * What Azure would answer, offline: ARM-shaped resource ids and the few computed outputs the farm's program
 * reads back (endpoints, vault URI, identity ids, random suffixes). Values are deterministic, so two plans of
 * the same stack print the same thing; anything only Azure can know is a visible placeholder.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/**
 * The @pulumi/azure-native release the shapes below were read from (its resource args' name inputs and the
 * computed outputs the farm reads back); a test holds it to the installed SDK, so an upgrade is re-read.
 */
export const OFFLINE_STATE_SDK_VERSION = "3.28.0";

/** Stands in for values only Azure assigns (public IP addresses). */
export const ASSIGNED_BY_AZURE = "(assigned by Azure)";
const SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
const TENANT_ID = "00000000-0000-0000-0000-000000000001";

const digest = (text: string): string => createHash("sha256").update(text).digest("hex");
const uuidOf = (text: string): string => {
    const hex = digest(text);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
/** Lowercase letters and digits of the requested length, as RandomString gives with upper and special off. */
const randomText = (seed: string, length: number): string =>
    Array.from(
        digest(seed)
            .repeat(Math.ceil(length / 64))
            .slice(0, length),
        (char) => (/\d/.test(char) ? char : String.fromCharCode(97 + (parseInt(char, 16) % 26))),
    ).join("");

/**
 * The input that names a resource where it is not `<type>Name` (the SDK's resource args): the rest
 * follow the rule (`vaultName`, `loadBalancerName`, `subnetName`, `privateZoneName` ...). A parent's name input
 * (a container's `accountName`) is never the resource's own.
 */
const NAME_INPUTS: Readonly<Record<string, string>> = {
    "azure-native:compute:VirtualMachineScaleSet": "vmScaleSetName",
    "azure-native:storage:StorageAccount": "accountName",
    "azure-native:storage:BlobContainer": "containerName",
    "azure-native:storage:BlobServiceProperties": "blobServicesName",
    "azure-native:managedidentity:UserAssignedIdentity": "resourceName",
};

/** The resource's own name input where the SDK takes one, or undefined when Pulumi would autoname it. */
function explicitName(args: pulumi.runtime.MockResourceArgs): string | undefined {
    const resourceType = args.type.split(":")[2] ?? "";
    const key = NAME_INPUTS[args.type] ?? `${resourceType.charAt(0).toLowerCase()}${resourceType.slice(1)}Name`;
    const value = args.inputs[key];
    return typeof value === "string" ? value : undefined;
}

/** The Azure name a resource gets: its explicit name input, else (offline) the logical name. */
function azureName(args: pulumi.runtime.MockResourceArgs): string {
    return explicitName(args) ?? args.name;
}

/** `/subscriptions/…/resourceGroups/<rg>/providers/Offline.<module>/<type>/<name>`: the shape role assignments and locks need. */
export function offlineResourceId(args: pulumi.runtime.MockResourceArgs): string {
    const [, module, resourceType] = args.type.split(":");
    if (args.type === "azure-native:resources:ResourceGroup") {
        return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${azureName(args)}`;
    }
    const group = typeof args.inputs.resourceGroupName === "string" ? args.inputs.resourceGroupName : "offline";
    return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${group}/providers/Offline.${module}/${resourceType}/${azureName(args)}`;
}

export function offlineState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
    const name = azureName(args);
    const state: Record<string, unknown> = { ...args.inputs, name };
    switch (args.type) {
        case "random:index/randomString:RandomString":
            state.result = randomText(args.name, Number(args.inputs.length ?? 8));
            break;
        case "random:index/randomUuid:RandomUuid":
            state.result = uuidOf(args.name);
            break;
        case "azure-native:storage:StorageAccount":
            state.primaryEndpoints = { blob: `https://${name}.blob.core.windows.net/` };
            break;
        case "azure-native:keyvault:Vault":
            state.properties = { ...(args.inputs.properties as object), vaultUri: `https://${name}.vault.azure.net/` };
            break;
        case "azure-native:managedidentity:UserAssignedIdentity":
            Object.assign(state, { clientId: uuidOf(`${args.name}/client`), principalId: uuidOf(`${args.name}/principal`), tenantId: TENANT_ID });
            break;
        case "azure-native:network:PublicIPAddress":
            state.ipAddress = ASSIGNED_BY_AZURE;
            break;
        case "azure-native:network:PublicIPPrefix":
            state.ipPrefix = ASSIGNED_BY_AZURE;
            break;
    }
    return state;
}

/** What the offline plan shows for a value that Azure, Pulumi's autonaming or a random suffix decides at `pulumi up`. */
export const KNOWN_AFTER_UP = "(known after pulumi up)";

/**
 * One plan's offline Azure: the mock answers, and the values it made up along the way (resource ids, names Pulumi
 * would autoname, random suffixes, identity ids, addresses), so the stack's outputs can show which parts of them a
 * real preview would not know yet.
 */
export function offlineAzure() {
    const madeUp = new Set<string>([ASSIGNED_BY_AZURE]);
    const remember = (value: unknown) => {
        if (typeof value === "string" && value.length > 0) madeUp.add(value);
    };
    /** `value` with every string that holds a made-up part replaced by `KNOWN_AFTER_UP`, at any depth. */
    const asPreviewSees = (value: unknown): unknown => {
        if (typeof value === "string") return [...madeUp].some((part) => value.includes(part)) ? KNOWN_AFTER_UP : value;
        if (Array.isArray(value)) return value.map(asPreviewSees);
        if (value !== null && typeof value === "object") {
            return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asPreviewSees(inner)]));
        }
        return value;
    };
    return {
        newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
            const id = args.custom ? offlineResourceId(args) : undefined;
            const state = offlineState(args);
            remember(id);
            if (args.custom && explicitName(args) === undefined) remember(state.name); // autonamed: Pulumi adds a suffix
            for (const key of ["result", "clientId", "principalId"]) remember(state[key]);
            return { id, state };
        },
        call: offlineCall,
        asPreviewSees,
    };
}

/** Function invokes the program makes. */
export function offlineCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    if (args.token === "azure-native:authorization:getClientConfig") {
        return { clientId: uuidOf("client"), objectId: uuidOf("object"), subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID };
    }
    throw new Error(`the offline plan has no answer for ${args.token}; add one to scripts/plan/offline-state.ts`);
}
