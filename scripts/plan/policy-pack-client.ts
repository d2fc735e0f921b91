/**
 * Serves a policy pack the way the Pulumi CLI does and talks to it over the Analyzer protocol.
 *
 *     const pack = await servePolicyPack(path.join(repoRoot, "policy"));
 *     const info = await pack.info();
 *     const violations = await pack.analyze({ type: "azure-native:compute:VirtualMachineScaleSet", name: "pool", inputs });
 *     await pack.stop();
 *
 * How the CLI starts a Node.js pack (pulumi/pulumi `pkg/resource/plugin/analyzer_plugin.go` and the nodejs
 * language host's `RunPlugin`): it runs `@pulumi/pulumi/cmd/run-policy-pack` with node, in the pack's directory,
 * with two arguments, the engine's gRPC address and the pack path `.`. The runner drops the engine address
 * (`index.js` shifts it off; the SDK only connects to an engine named in PULUMI_NODEJS_ENGINE, which is not
 * set here), registers ts-node with type-checking on, and requires the pack's `main`; constructing the PolicyPack
 * starts the Analyzer gRPC server and prints its port on stdout. So no engine is needed, and none is faked.
 * The farm's pack is JavaScript (`main` is bin/index.js), so nothing is compiled at start.
 *
 * Node 22 is required (@pulumi/pulumi >= 3.249), hence the npm-installed node in node_modules/.bin, not the
 * system one.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { JavaScriptValue, Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { EnforcementLevel } from "@pulumi/policy";
import type { Violation } from "./render";

const REPO_ROOT = path.resolve(__dirname, "../..");

/** The URN a resource gets when the caller names none (tests); the plan always passes the program's own. */
export function defaultUrn(type: string, name: string): string {
    return `urn:pulumi:test::buildfarm::${type}::${name}`;
}
const NODE_22 = path.join(REPO_ROOT, "node_modules/.bin/node");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
/** Stands in for the engine address the CLI passes; the runner discards it (see above). */
const ENGINE_ADDRESS = "127.0.0.1:0";

/** A resource as the engine sends it: type token, name, URN, properties (unknowns as the engine's sentinels). */
export interface AnalyzedResource {
    readonly type: string;
    readonly name: string;
    readonly urn?: string;
    readonly inputs: Record<string, unknown>;
    /** AnalyzeStack only: input property -> URNs of the resources it was computed from. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface PolicyInfo {
    readonly name: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly configSchema?: unknown;
}

export interface PackInfo {
    readonly name: string;
    readonly version: string;
    readonly policies: PolicyInfo[];
}

export interface ServedPolicyPack {
    info(): Promise<PackInfo>;
    /** The engine's per-resource call, once per resource. Messages are as the engine shows them. */
    analyze(resource: AnalyzedResource): Promise<Violation[]>;
    /** The engine's end-of-stack call. */
    analyzeStack(resources: readonly AnalyzedResource[]): Promise<Violation[]>;
    /** The engine's Configure call with a `--policy-pack-config` file's content; affects later calls. */
    configure(config: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Promise<void>;
    stop(): Promise<void>;
}

const ENFORCEMENT_LEVELS: readonly [analyzer.EnforcementLevel, EnforcementLevel][] = [
    [analyzer.EnforcementLevel.ADVISORY, "advisory"],
    [analyzer.EnforcementLevel.MANDATORY, "mandatory"],
    [analyzer.EnforcementLevel.DISABLED, "disabled"],
    [analyzer.EnforcementLevel.REMEDIATE, "remediate"],
];

function levelName(level: analyzer.EnforcementLevel): EnforcementLevel {
    return ENFORCEMENT_LEVELS.find(([value]) => value === level)?.[1] ?? "advisory";
}

function levelValue(level: EnforcementLevel): analyzer.EnforcementLevel {
    return ENFORCEMENT_LEVELS.find(([, name]) => name === level)?.[0] ?? analyzer.EnforcementLevel.ADVISORY;
}

function struct(properties: Readonly<Record<string, unknown>>): Struct {
    return Struct.fromJavaScript(properties as Record<string, JavaScriptValue>);
}

/** The newest modification time of the files under `directory` that `keep` selects (bin/ and node_modules/ skipped). */
function newestSource(directory: string, keep: (name: string) => boolean): number {
    let newest = 0;
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
        if (entry.name === "bin" || entry.name === "node_modules") continue;
        const entryPath = path.join(directory, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(entryPath, keep));
        else if (keep(entry.name)) newest = Math.max(newest, statSync(entryPath).mtimeMs);
    }
    return newest;
}

/**
 * A pack shipped as JavaScript (policy/: `main` is bin/index.js, built by its build.js) is rebuilt first when a
 * source is newer than the build, so the plan and the tests never serve a stale pack.
 */
function ensurePackBuilt(packDirectory: string): void {
    const build = path.join(packDirectory, "build.js");
    if (!existsSync(build)) return;
    const main = path.join(packDirectory, JSON.parse(readFileSync(path.join(packDirectory, "package.json"), "utf8")).main as string);
    const built = existsSync(main) ? statSync(main).mtimeMs : 0;
    if (newestSource(packDirectory, (name) => /\.(ts|tsv|json)$/.test(name)) > built) {
        execFileSync(NODE_22, [path.resolve(build)], { cwd: packDirectory, stdio: ["ignore", "ignore", "inherit"] });
    }
}

export async function servePolicyPack(packDirectory: string): Promise<ServedPolicyPack> {
    ensurePackBuilt(packDirectory);
    const child = spawn(NODE_22, [RUN_POLICY_PACK, ENGINE_ADDRESS, "."], {
        cwd: packDirectory,
        stdio: ["ignore", "pipe", "pipe"],
    });
    // The pack's server never exits by itself: it goes when its caller does, however the caller ends.
    const stopOnExit = () => child.kill();
    process.once("exit", stopOnExit);
    child.once("exit", () => process.removeListener("exit", stopOnExit));
    const port = await portPrinted(child);
    const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return {
        info: async () => {
            const info = await unary<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
            return {
                name: info.getName(),
                version: info.getVersion(),
                policies: info.getPoliciesList().map((policy) => ({
                    name: policy.getName(),
                    enforcementLevel: levelName(policy.getEnforcementlevel()),
                    configSchema: policy.getConfigschema()?.getProperties()?.toJavaScript(),
                })),
            };
        },
        analyze: async (resource) => {
            const request = describing(new analyzer.AnalyzeRequest(), resource);
            return violations(await unary(client.analyze.bind(client), request), request.getUrn());
        },
        analyzeStack: async (resources) => {
            const request = new analyzer.AnalyzeStackRequest().setResourcesList(resources.map(analyzerResource));
            return violations(await unary(client.analyzeStack.bind(client), request), undefined);
        },
        configure: async (config) => {
            // Like the CLI, send each policy's own level unless the config overrides it.
            const info = await unary<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
            const ownLevels = new Map(info.getPoliciesList().map((policy) => [policy.getName(), policy.getEnforcementlevel()]));
            const request = new analyzer.ConfigureAnalyzerRequest();
            for (const [policyName, { enforcementLevel, ...properties }] of Object.entries(config)) {
                const level = enforcementLevel === undefined ? ownLevels.get(policyName) : levelValue(enforcementLevel as EnforcementLevel);
                const policyConfig = new analyzer.PolicyConfig()
                    .setProperties(struct(properties))
                    .setEnforcementlevel(level ?? analyzer.EnforcementLevel.ADVISORY);
                request.getPolicyconfigMap().set(policyName, policyConfig);
            }
            await unary(client.configure.bind(client), request);
        },
        stop: async () => {
            client.close();
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill();
            await exited;
        },
    };
}

/** Fills the fields an Analyze request and an AnalyzeStack resource share. */
function describing<M extends analyzer.AnalyzeRequest | analyzer.AnalyzerResource>(message: M, resource: AnalyzedResource): M {
    message.setType(resource.type);
    message.setName(resource.name);
    message.setUrn(resource.urn ?? defaultUrn(resource.type, resource.name));
    message.setProperties(struct(resource.inputs));
    message.setOptions(new analyzer.AnalyzerResourceOptions());
    return message;
}

function analyzerResource(resource: AnalyzedResource): analyzer.AnalyzerResource {
    const message = describing(new analyzer.AnalyzerResource(), resource);
    for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        message.getPropertydependenciesMap().set(property, new analyzer.AnalyzerPropertyDependencies().setUrnsList([...urns]));
    }
    return message;
}

function violations(response: analyzer.AnalyzeResponse, defaultUrn: string | undefined): Violation[] {
    return response.getDiagnosticsList().map((diagnostic) => ({
        policy: diagnostic.getPolicyname(),
        enforcementLevel: levelName(diagnostic.getEnforcementlevel()),
        urn: diagnostic.getUrn() || defaultUrn,
        message: diagnostic.getMessage(),
    }));
}

function unary<Request, Response>(
    method: (request: Request, callback: (error: grpc.ServiceError | null, response: Response) => void) => grpc.ClientUnaryCall,
    request: Request,
): Promise<Response> {
    return new Promise((resolve, reject) => {
        method(request, (error, response) => (error ? reject(error) : resolve(response)));
    });
}

/** Resolves with the port the pack's server prints first on stdout; rejects with its stderr if it exits first. */
function portPrinted(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stderr?.on("data", (chunk) => (stderr += chunk));
        child.stdout?.on("data", (chunk) => {
            stdout += chunk;
            const port = /^(\d+)\s*$/m.exec(stdout);
            if (port) {
                resolve(Number(port[1]));
            }
        });
        child.once("exit", (code) => reject(new Error(`policy pack exited (${code}) before serving:\n${stderr}${stdout}`)));
        child.once("error", reject);
    });
}
