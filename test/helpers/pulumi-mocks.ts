/**
 * A small harness for testing components under `pulumi.runtime.setMocks`.
 *
 *     const farm = installPulumiMocks();                     // before any resource is constructed
 *     const store = new ArtifactStore("store", args, farm.recordingOptions);
 *     const resources = await farm.settled();                 // every resource the component registered
 *     expect(farm.single("azure-native:storage:StorageAccount").inputs.minimumTlsVersion).toBe("TLS1_2");
 *
 * - `inputs` are what the provider would receive (before its own Check, so no defaults it adds later).
 * - `opts` are the resource options as the SDK saw them, so `protect`, `parent` and `dependsOn` are visible.
 *   They come from a transformation in `recordingOptions`, which children inherit from the component.
 * - Custom resources get `id: "<name>-id"` (or `idFor(args)`) and state = `{ name: <logical name>, ...inputs, ...stateFor(args) }`
 *   (the logical name stands in for the autonamed Azure name; use `stateFor` where the real name is an input);
 *   `azure-native:authorization:getClientConfig` answers with the fixed `CLIENT_CONFIG`.
 *
 * Components create resources only in their constructors, so importing them statically is safe; a Pulumi
 * *program* that creates resources at import time must be imported with `await import()` after this call
 * (Pulumi's unit-testing guide: set the mocks, then import the program).
 */
import * as pulumi from "@pulumi/pulumi";

export const CLIENT_CONFIG = {
    clientId: "00000000-0000-0000-0000-0000000000c1",
    objectId: "00000000-0000-0000-0000-0000000000b1",
    subscriptionId: "00000000-0000-0000-0000-00000000005b",
    tenantId: "00000000-0000-0000-0000-00000000007e",
} as const;

export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    /** `<name>-id` for custom resources, as the mock returned it; undefined for components. */
    readonly id?: string;
    readonly inputs: Record<string, any>;
    readonly opts: pulumi.ResourceOptions;
}

export interface MockOptions {
    /** Extra state for a resource, merged over its inputs: computed outputs such as endpoints. */
    readonly stateFor?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown> | undefined;
    /** A custom resource's id, e.g. an ARM-shaped one where a component checks ids. Default: `<name>-id`. */
    readonly idFor?: (args: pulumi.runtime.MockResourceArgs) => string;
}

export interface PulumiMocks {
    /** Pass as the component's options (or spread into them) to record it and all its descendants. */
    readonly recordingOptions: pulumi.ComponentResourceOptions;
    /** Waits until every recorded resource is registered, then lists them in construction order. */
    settled(): Promise<RecordedResource[]>;
    /** All settled resources of one type token; call after `settled()`. */
    ofType(type: string): RecordedResource[];
    /** The one settled resource of a type token; throws if there are none or several. */
    single(type: string): RecordedResource;
    /** Settled resources without a parent: just the components under test when they parent all children. */
    topLevel(): RecordedResource[];
}

export function installPulumiMocks(options: MockOptions = {}): PulumiMocks {
    const registrations = new Map<string, { inputs: Record<string, any>; id?: string }>();
    const constructed: { resource: pulumi.Resource; type: string; name: string; opts: pulumi.ResourceOptions }[] = [];
    let settledResources: RecordedResource[] = [];

    pulumi.runtime.setMocks(
        {
            newResource(args) {
                const id = args.custom === false ? undefined : (options.idFor?.(args) ?? `${args.name}-id`);
                registrations.set(resourceKey(args.type, args.name), { inputs: args.inputs, id });
                if (id === undefined) {
                    return { id, state: {} };
                }
                return { id, state: { name: args.name, ...args.inputs, ...options.stateFor?.(args) } };
            },
            call(args) {
                if (args.token === "azure-native:authorization:getClientConfig") {
                    return { ...CLIENT_CONFIG };
                }
                throw new Error(`no mock for call ${args.token}`);
            },
        },
        "buildfarm",
        "test",
        false,
    );

    const record: pulumi.ResourceTransformation = ({ resource, type, name, opts }) => {
        constructed.push({ resource, type, name, opts });
        return undefined;
    };

    function ofType(type: string): RecordedResource[] {
        return settledResources.filter((resource) => resource.type === type);
    }

    return {
        recordingOptions: { transformations: [record] },
        async settled() {
            const urns = await Promise.all(constructed.map(({ resource }) => promiseOf(resource.urn)));
            settledResources = constructed.map(({ type, name, opts }, index) => {
                const registration = registrations.get(resourceKey(type, name));
                return { type, name, urn: urns[index], id: registration?.id, inputs: registration?.inputs ?? {}, opts };
            });
            return settledResources;
        },
        ofType,
        single(type) {
            const found = ofType(type);
            if (found.length !== 1) {
                throw new Error(`expected one ${type}, found ${found.length}`);
            }
            return found[0];
        },
        topLevel() {
            return settledResources.filter((resource) => resource.opts.parent === undefined);
        },
    };
}

/** Resolves an output's value. Under mocks with preview=false every value is known. */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** Type and name identify a resource in a test: components prefix their children's names, and the mock sees no parent. */
function resourceKey(type: string, name: string): string {
    return `${type}::${name}`;
}
