/**
 * Runs a Pulumi program in this process against an in-memory engine (`pulumi.runtime.setMocks`' monitor) and
 * records every resource as the engine would see it: URN, parent, inputs, which inputs came from which
 * resources, and `protect`. No Azure account and no Pulumi CLI are involved.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { offlineAzure } from "./offline-state";

/** The key under which the SDK marks a secret value in a serialized property struct. */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
export const MASKED = "[secret]";

export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** Parent URN; the stack's own resource has none. */
    readonly parent?: string;
    readonly custom: boolean;
    readonly protect: boolean;
    /** Inputs as the provider would get them, secrets replaced by `[secret]`. */
    readonly inputs: Record<string, unknown>;
    /** Input property -> URNs of the resources its value came from. */
    readonly propertyDependencies: Record<string, string[]>;
}

export interface ProgramRun {
    readonly resources: PlannedResource[];
    /** The stack's outputs as a preview would show them: what only `pulumi up` can know is `KNOWN_AFTER_UP`. */
    readonly outputs: Record<string, unknown>;
}

/** Replaces secret-marked values (as serialized by the SDK) with `[secret]`, at any depth. */
export function maskSecrets(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(maskSecrets);
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[SECRET_SIGNATURE_KEY] === SECRET_SIGNATURE) return MASKED;
        return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, maskSecrets(inner)]));
    }
    return value;
}

/** Wraps the mock monitor to see each registration request whole, not only what `newResource` gets. */
class RecordingMonitor extends MockMonitor {
    public readonly recorded: PlannedResource[] = [];

    // The SDK's MockMonitor declares its requests and callbacks as any (@pulumi/pulumi runtime/mocks.d.ts).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override async registerResource(request: any, callback: (error: any, response: any) => void): Promise<void> {
        return super.registerResource(request, (error, response) => {
            if (!error && response) {
                const dependencies: Record<string, string[]> = {};
                request.getPropertydependenciesMap().forEach((value: { getUrnsList(): string[] }, key: string) => {
                    dependencies[key] = value.getUrnsList();
                });
                this.recorded.push({
                    urn: response.getUrn(),
                    type: request.getType(),
                    name: request.getName(),
                    parent: request.getParent() || undefined,
                    custom: request.getCustom(),
                    protect: request.getProtect() === true,
                    inputs: maskSecrets(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    propertyDependencies: dependencies,
                });
            }
            callback(error, response);
        });
    }
}

export interface RunOptions {
    /** Absolute path of the program's entry module (the project's `index.ts`). */
    readonly programPath: string;
    readonly project: string;
    readonly stack: string;
    /** Raw configuration as Pulumi hands it to a program: `project:key` -> string (JSON for structured values). */
    readonly config: Readonly<Record<string, string>>;
}

/**
 * Loads the program inside a Pulumi stack, as the Node.js runtime does, and waits for every registration.
 * The program's own errors (a `RunError` for a bad configuration) propagate to the caller.
 */
export async function runProgram(options: RunOptions): Promise<ProgramRun> {
    const azure = offlineAzure();
    const monitor = new RecordingMonitor({ newResource: (args) => azure.newResource(args), call: azure.call });
    pulumi.runtime.setAllConfig({ ...options.config });
    pulumi.runtime.setMockOptions(monitor, options.project, options.stack, false);
    // Loaded as Pulumi's Node.js language host loads a program: required, so that its exports are the stack's outputs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const outputs = await pulumi.runtime.runInPulumiStack(async () => require(options.programPath));
    // Registrations made from inside outputs (apply) finish after the program returns: wait until none is pending.
    await pulumi.runtime.disconnect();
    return { resources: monitor.recorded, outputs: azure.asPreviewSees(maskSecrets(outputs ?? {})) as Record<string, unknown> };
}
