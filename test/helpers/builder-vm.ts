/**
 * Simulated builder VMs for the runtime fault tests: the real builder scripts (lib/cloud-init/scripts) with the
 * settings of rendered user data, against Azurite and the IMDS and Key Vault stand-ins. systemd is played by
 * test/fixtures/builder-vm/systemctl and kojid by test/fixtures/builder-vm/kojid; kinit and hostnamectl are stubs.
 * Every VM has its own IMDS (its own vmId and events), state directory (kept across a simulated reboot) and run
 * directory (lost at one). Every wait here has a deadline.
 */
import { spawn, spawnSync } from "child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import type { IncomingMessage, ServerResponse } from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";
import { renderBuilderCloudInit, SCRIPTS_DIR } from "../../lib/cloud-init";
import { builderSlots } from "../../lib/slots";
import { Azurite, fakeJwt, httpsRequest, Imds, KeyVault, startImds, Tls } from "./azure-standins";
import { fedoraBuilderSettings, parseUserData } from "./builder-settings";

const FIXTURES = path.join(__dirname, "..", "fixtures", "builder-vm");
export const LEASE_SECONDS = 15; // Azure's shortest lease: the production 60 s scaled by a quarter
/** Durations the scripts take from their environment, scaled down with the lease. */
const SCALED_TIME = {
    KOJI_RENEW_SECONDS: "2",
    KOJI_BACKOFF_BASE_SECONDS: "1",
    KOJI_BACKOFF_MAX_SECONDS: "2",
    KOJI_EVENTS_POLL_SECONDS: "0.5",
    KOJI_TEST_CLEANUP_PAUSE: "1",
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const storageAuth = () => ({ Authorization: `Bearer ${fakeJwt("https://storage.azure.com")}`, "x-ms-version": "2024-11-04" });

/** Waits for `condition` to hold, polling every 100 ms; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | Promise<T>, timeoutMs: number): Promise<NonNullable<T>> {
    const giveUpAt = Date.now() + timeoutMs;
    for (;;) {
        const value = await condition();
        if (value) return value as NonNullable<T>;
        if (Date.now() > giveUpAt) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(100);
    }
}

/**
 * A front for the store that can go down: while `down`, every request is held unanswered (a storage outage or a
 * lost route, the worst case for a client); when it comes back, held requests are dropped and new ones pass.
 */
export async function startOutageProxy(tls: Tls, azurite: Azurite) {
    const held: ServerResponse[] = [];
    const state = { down: false };
    const server = https.createServer({ cert: tls.cert, key: tls.key }, (request: IncomingMessage, response: ServerResponse) => {
        if (state.down) {
            held.push(response);
            return;
        }
        const forwarded = Object.fromEntries(
            Object.entries(request.headers).filter(([name]) => name.startsWith("x-ms-") || name === "authorization" || name === "if-none-match") as [
                string,
                string,
            ][],
        );
        httpsRequest(new URL(request.url!, azurite.blobEndpoint).href, request.method!, forwarded, tls.cert).then(
            (answer) => response.writeHead(answer.status).end(),
            () => response.destroy(),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    return Object.assign(state, {
        /** The blob endpoint through this proxy (same account path as Azurite's). */
        blobEndpoint: new URL(new URL(azurite.blobEndpoint).pathname, url).href,
        setDown(down: boolean) {
            state.down = down;
            if (!down) held.splice(0).forEach((response) => response.destroy());
        },
        close: () => {
            held.splice(0).forEach((response) => response.destroy());
            return new Promise<void>((resolve) => server.close(() => resolve()));
        },
    });
}

/** One pool of the test farm: its own slots container, slots and rendered builder files. */
export class TestPool {
    readonly slots;
    readonly builderEnv: Record<string, string>;
    readonly kojidConf: string;
    readonly slotsFile: string;

    constructor(
        readonly work: string,
        readonly name: string,
        slotCount: number,
        readonly blobEndpoint: string,
        keyVault: KeyVault,
        readonly tls: Tls,
    ) {
        this.slots = builderSlots(name, slotCount, "az.example.org");
        const { file } = parseUserData(
            renderBuilderCloudInit(
                fedoraBuilderSettings({
                    poolName: name,
                    slotCount,
                    hostDomain: "az.example.org",
                    storageBlobEndpoint: blobEndpoint,
                    slotsContainerName: `slots-${name}`,
                    keyVaultUri: keyVault.url,
                    leaseSeconds: LEASE_SECONDS,
                }),
            ),
        );
        this.builderEnv = Object.fromEntries(
            file("/etc/koji-builder/builder.env")
                .trim()
                .split("\n")
                .map((line) => line.split(/=(.*)/s, 2)),
        );
        this.kojidConf = file("/etc/kojid/kojid.conf");
        this.slotsFile = path.join(work, `${name}.slots`);
        writeFileSync(this.slotsFile, file("/etc/koji-builder/slots"));
    }

    /** Creates the pool's container, as the store component does; the slot blobs are left to the builders. */
    async create(azuriteBlobEndpoint: string): Promise<void> {
        const created = await httpsRequest(`${azuriteBlobEndpoint}slots-${this.name}?restype=container`, "PUT", storageAuth(), this.tls.cert);
        if (created.status !== 201) throw new Error(`creating container slots-${this.name} answered ${created.status}`);
    }

    async leaseState(azuriteBlobEndpoint: string, slotId: string): Promise<string> {
        const answer = await httpsRequest(`${azuriteBlobEndpoint}slots-${this.name}/${slotId}`, "HEAD", storageAuth(), this.tls.cert);
        return String(answer.headers["x-ms-lease-state"] ?? `HTTP ${answer.status}`);
    }
}

/** One simulated VM of a pool. */
export class BuilderVm {
    readonly dir: string;
    readonly timeline: string;
    readonly units: string;
    private constructor(
        readonly name: string,
        readonly pool: TestPool,
        readonly imds: Imds,
        private readonly overrides: Record<string, string>,
    ) {
        this.dir = path.join(pool.work, name);
        this.units = path.join(this.dir, "units");
        this.timeline = path.join(this.dir, "timeline");
    }

    /** A new VM with a fresh IMDS (its own vmId); `from` copies another VM's disk, as an image captured off it would. */
    static async create(name: string, pool: TestPool, options: { from?: BuilderVm; env?: Record<string, string> } = {}): Promise<BuilderVm> {
        const imds = await startImds();
        imds.vmName = name;
        imds.vmId = `00000000-0000-4000-8000-${Buffer.from(name).toString("hex").padStart(12, "0").slice(-12)}`;
        const vm = new BuilderVm(name, pool, imds, options.env ?? {});
        if (options.from) {
            cpSync(options.from.dir, vm.dir, { recursive: true });
            rmSync(vm.units, { recursive: true, force: true });
            rmSync(path.join(vm.dir, "run"), { recursive: true, force: true });
        } else {
            mkdirSync(vm.dir, { recursive: true });
            writeFileSync(path.join(vm.dir, "kojid.conf"), pool.kojidConf);
        }
        mkdirSync(vm.units, { recursive: true });
        writeFileSync(vm.timeline, "");
        const stubs = path.join(vm.dir, "stubs");
        mkdirSync(stubs, { recursive: true });
        cpSync(path.join(FIXTURES, "systemctl"), path.join(stubs, "systemctl"));
        for (const command of ["kinit", "hostnamectl"]) {
            writeFileSync(path.join(stubs, command), `#!/bin/sh\necho "${command} $*" >>"$KOJI_TEST_TIMELINE"\n`);
            chmodSync(path.join(stubs, command), 0o755);
        }
        return vm;
    }

    env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
        return {
            PATH: `${path.join(this.dir, "stubs")}:${process.env.PATH}`,
            HOME: this.dir,
            ...this.pool.builderEnv,
            ...SCALED_TIME,
            KOJI_SLOTS_FILE: this.pool.slotsFile,
            KOJID_CONF: path.join(this.dir, "kojid.conf"),
            KOJID_KEYTAB: path.join(this.dir, "kojid.keytab"),
            KOJID_CLIENT_CERT: path.join(this.dir, "client.crt"),
            KOJID_CCACHE_DIR: this.dir,
            KOJI_SLOT_STATE_DIR: path.join(this.dir, "state"),
            KOJI_SLOT_RUN_DIR: path.join(this.dir, "run"),
            KOJI_SLOT_BIN: path.join(SCRIPTS_DIR, "koji-slot"),
            AZURE_IMDS_ENDPOINT: this.imds.url,
            CURL_CA_BUNDLE: this.pool.tls.certPath,
            KOJI_TEST_TIMELINE: this.timeline,
            KOJI_TEST_UNITS: this.units,
            KOJI_TEST_KOJID: path.join(FIXTURES, "kojid"),
            ...this.overrides,
            ...extra,
        };
    }

    /** Runs the systemctl stand-in, as a unit or an admin would. */
    systemctl(...args: string[]): number | null {
        return spawnSync(path.join(this.dir, "stubs", "systemctl"), args, { env: this.env(), stdio: "ignore" }).status;
    }

    /** Boots the VM's builder side: the slot holder (which starts kojid once it holds a slot). */
    boot(): void {
        this.systemctl("start", "koji-slot.service");
    }

    isActive(unit: string): boolean {
        return this.systemctl("is-active", "--quiet", unit) === 0;
    }

    /** Runs a script to its end, killed after `timeoutMs` at the latest. */
    run(script: string, args: readonly string[], extra: Record<string, string> = {}, timeoutMs = 30_000, input = "") {
        return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
            const child = spawn(path.join(SCRIPTS_DIR, script), args, { env: this.env(extra), stdio: [input ? "pipe" : "ignore", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            child.stdout!.on("data", (chunk) => (stdout += chunk));
            child.stderr!.on("data", (chunk) => (stderr += chunk));
            if (child.stdin) {
                // A script that exits without reading its input is its own answer, not the test's error.
                child.stdin.on("error", () => undefined);
                child.stdin.end(input);
            }
            const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
            // "close", not "exit": only then has all of the output been read.
            child.on("close", (code) => {
                clearTimeout(killer);
                resolve({ code, stdout, stderr });
            });
        });
    }

    /** One probe of the health endpoint, as the Application Health extension sends it. */
    async health(extra: Record<string, string> = {}) {
        const { code, stdout, stderr } = await this.run("koji-slot", ["health"], extra, 10_000, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        const [head, body] = stdout.split("\r\n\r\n");
        if (body === undefined) throw new Error(`${this.name}: the health endpoint gave no answer (exit ${code}): ${JSON.stringify(stdout)} ${stderr}`);
        return {
            status: head.split("\r\n")[0],
            builder: /^X-Koji-Builder: (.*)$/m.exec(head)?.[1] ?? "",
            state: (JSON.parse(body) as { ApplicationHealthState: string }).ApplicationHealthState,
        };
    }

    /** The slot this VM holds now (its run directory's lease), or undefined. */
    heldSlot(): string | undefined {
        const file = path.join(this.dir, "run", "lease");
        return existsSync(file) ? readFileSync(file, "utf8").split(" ")[0] : undefined;
    }

    status(): string {
        const file = path.join(this.dir, "run", "status");
        return existsSync(file) ? readFileSync(file, "utf8").trim() : "";
    }

    lines(): string[] {
        return readFileSync(this.timeline, "utf8").split("\n").filter(Boolean);
    }

    /** Waits until the timeline has a line matching `pattern` after line `after`; returns its index. */
    waitForLine(pattern: RegExp, timeoutMs: number, after = -1): Promise<number> {
        return waitFor(
            `${this.name}: a line matching ${pattern} after line ${after}\n${this.lines().join("\n")}\n${this.log("koji-slot.service")}`,
            () => {
                const index = this.lines().findIndex((line, at) => at > after && pattern.test(line));
                return index >= 0 ? index + 1 : 0;
            },
            timeoutMs,
        ).then((found) => found - 1);
    }

    /** Waits until this VM holds a slot with kojid running on it; returns the slot. */
    waitUntilBuilding(timeoutMs: number): Promise<string> {
        return waitFor(
            `${this.name} to hold a slot with kojid running (status: ${this.status()})`,
            () => (this.isActive("kojid.service") && this.status().startsWith("holding") && this.heldSlot()) || undefined,
            timeoutMs,
        ) as Promise<string>;
    }

    log(unit: string): string {
        const file = path.join(this.units, `${unit}.log`);
        return existsSync(file) ? readFileSync(file, "utf8") : "";
    }

    /** Power loss: every process of the VM killed at once, this boot's run directory gone; the disk stays. */
    powerLoss(): void {
        for (const unit of ["koji-slot.service", "kojid.service"]) {
            const pidFile = path.join(this.units, `${unit}.pid`);
            if (existsSync(pidFile)) {
                // Each unit is a process group (the systemctl stand-in starts it with setsid): all of it goes.
                try {
                    process.kill(-Number(readFileSync(pidFile, "utf8")), "SIGKILL");
                } catch {
                    /* already gone */
                }
                rmSync(pidFile);
            }
        }
        rmSync(path.join(this.dir, "run"), { recursive: true, force: true });
    }

    /** Stops everything the VM runs and its IMDS. */
    async shutdown(): Promise<void> {
        this.systemctl("stop", "koji-slot.service");
        this.powerLoss();
        await this.imds.close();
    }
}
