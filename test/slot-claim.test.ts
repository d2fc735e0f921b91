/**
 * The slot tool and the Scheduled Events watcher, run for real: bash scripts from lib/cloud-init/scripts
 * against Azurite's blob lease API (OAuth, HTTPS) and local IMDS and Key Vault stand-ins, with the settings
 * taken from rendered user data. systemctl, kinit and hostnamectl are stubs that write to a timeline.
 * Leases last 15 s, Azure's minimum; the whole suite stays bounded (every script has a round limit and a
 * kill timeout; every wait has a deadline).
 */
import { spawn } from "child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import type { ServerResponse } from "http";
import * as https from "https";
import { AddressInfo } from "net";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { renderBuilderCloudInit, SCRIPTS_DIR } from "../lib/cloud-init";
import { builderSlots } from "../lib/slots";
import {
    Azurite, fakeJwt, fakeSecret, httpsRequest, Imds, makeTls, startAzurite, startImds, startKeyVault, Tls,
} from "./helpers/azure-standins";
import { fedoraBuilderSettings, parseUserData } from "./helpers/builder-settings";
import { configparser, hasTool, itWithTools } from "./helpers/host-tools";

const TOOLS = ["bash", "curl", "jq", "openssl", "python3"];
const LEASE_SECONDS = 15;
const POOL = "v3pool";
const SLOTS = builderSlots(POOL, 3, "az.example.org");

const work = mkdtempSync(path.join(tmpdir(), "slot-claim-test-"));
let tls: Tls;
let azurite: Azurite;
let imds: Imds;
let keyVault: { url: string; close(): Promise<void> };
/** The scripts' environment from the rendered builder.env, and the rendered kojid.conf. */
let builderEnv: Record<string, string>;
let kojidConf: string;

const storageAuth = () => ({ Authorization: `Bearer ${fakeJwt("https://storage.azure.com")}`, "x-ms-version": "2024-11-04" });

async function leaseState(slotId: string): Promise<string> {
    const answer = await httpsRequest(`${azurite.blobEndpoint}slots/${slotId}`, "HEAD", storageAuth(), tls.cert);
    return String(answer.headers["x-ms-lease-state"] ?? `HTTP ${answer.status}`);
}

/** One simulated VM: its own state directory, kojid files and timeline of stubbed commands. */
class Vm {
    readonly dir: string;
    readonly timeline: string;
    constructor(readonly name: string) {
        this.dir = path.join(work, name);
        mkdirSync(this.dir);
        this.timeline = path.join(this.dir, "timeline");
        writeFileSync(this.timeline, "");
        writeFileSync(path.join(this.dir, "kojid.conf"), kojidConf);
    }

    env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
        return {
            PATH: `${path.join(work, "stubs")}:${process.env.PATH}`,
            HOME: this.dir,
            ...builderEnv,
            KOJI_SLOTS_FILE: path.join(work, "slots"),
            KOJID_CONF: path.join(this.dir, "kojid.conf"),
            KOJID_KEYTAB: path.join(this.dir, "kojid.keytab"),
            KOJID_CLIENT_CERT: path.join(this.dir, "client.crt"),
            KOJI_SLOT_STATE_DIR: path.join(this.dir, "state"),
            KOJI_SLOT_BIN: path.join(SCRIPTS_DIR, "koji-slot"),
            AZURE_IMDS_ENDPOINT: imds.url,
            CURL_CA_BUNDLE: tls.certPath,
            KOJI_TEST_TIMELINE: this.timeline,
            ...extra,
        };
    }

    /** Runs a script to its end, killed after `timeoutMs` at the latest. */
    run(script: string, args: readonly string[], extra: Record<string, string> = {}, timeoutMs = 30_000) {
        return new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(path.join(SCRIPTS_DIR, script), args, { env: this.env(extra), stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            child.stderr.on("data", (chunk) => (stderr += chunk));
            const killer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
            child.on("exit", (code) => {
                clearTimeout(killer);
                resolve({ code, stderr });
            });
        });
    }

    claim(extra: Record<string, string> = {}) {
        return this.run("koji-slot", ["claim"], { KOJI_CLAIM_ATTEMPTS: "1", ...extra });
    }

    /** The slot this VM holds, from its state file (`<slot> <host> <lease id>`), or undefined. */
    slot(): string | undefined {
        const file = path.join(this.dir, "state", "slot");
        return existsSync(file) ? readFileSync(file, "utf8").split(" ")[0] : undefined;
    }

    lines(): string[] {
        return readFileSync(this.timeline, "utf8").split("\n").filter(Boolean);
    }
}

/**
 * A stand-in for the slots container in front of Azurite: it passes the first `passing` lease renewals on and
 * notes when each arrived; every later renewal it holds unanswered, as a storage outage or a lost route would.
 */
async function startStallingProxy(passing: number) {
    const passedAt: number[] = [];
    const held: ServerResponse[] = [];
    const server = https.createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
        if (request.headers["x-ms-lease-action"] === "renew" && passedAt.length >= passing) {
            held.push(response);
            return;
        }
        const arrivedAt = Date.now();
        const forwarded = Object.fromEntries(Object.entries(request.headers)
            .filter(([name]) => name.startsWith("x-ms-") || name === "authorization") as [string, string][]);
        void httpsRequest(new URL(request.url!, azurite.blobEndpoint).href, request.method!, forwarded, tls.cert).then((answer) => {
            if (request.headers["x-ms-lease-action"] === "renew" && answer.status === 200) {
                passedAt.push(arrivedAt);
            }
            response.writeHead(answer.status).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        passedAt,
        close: () => {
            held.forEach((response) => response.destroy());
            return new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}

const vms: Record<string, Vm> = {};
const runnable = TOOLS.every(hasTool);

beforeAll(async () => {
    if (!runnable) {
        return;
    }
    tls = makeTls(work);
    [azurite, imds, keyVault] = await Promise.all([
        startAzurite(work, tls),
        startImds(),
        startKeyVault(tls, SLOTS.map((slot) => slot.secretName)),
    ]);
    const { file } = parseUserData(renderBuilderCloudInit(fedoraBuilderSettings({
        poolName: POOL,
        slotCount: SLOTS.length,
        hostDomain: "az.example.org",
        storageBlobEndpoint: azurite.blobEndpoint,
        keyVaultUri: keyVault.url,
        leaseSeconds: LEASE_SECONDS,
    })));
    builderEnv = Object.fromEntries(file("/etc/koji-builder/builder.env").trim().split("\n").map((line) => line.split(/=(.*)/s, 2)));
    kojidConf = file("/etc/kojid/kojid.conf");
    writeFileSync(path.join(work, "slots"), file("/etc/koji-builder/slots"));
    const stubs = path.join(work, "stubs");
    mkdirSync(stubs);
    for (const command of ["systemctl", "kinit", "hostnamectl"]) {
        writeFileSync(path.join(stubs, command), `#!/bin/sh\necho "${command} $*" >>"$KOJI_TEST_TIMELINE"\n`);
        chmodSync(path.join(stubs, command), 0o755);
    }
    // The store component creates the container; the slot blobs are left to the builders.
    const created = await httpsRequest(`${azurite.blobEndpoint}slots?restype=container`, "PUT", storageAuth(), tls.cert);
    expect(created.status).toBe(201);
    for (const name of ["vm1", "vm2", "vm3", "vm4", "vm5", "vm6", "vm7", "vm8"]) {
        vms[name] = new Vm(name);
    }
}, 60_000);

afterAll(async () => {
    await Promise.all([azurite?.stop(), imds?.close(), keyVault?.close()]);
    rmSync(work, { recursive: true, force: true });
});

describe("slot claim, renewal, loss and release against Azurite", () => {
    let firstClaimAt = 0;
    let claimsDoneAt = 0;

    itWithTools(TOOLS, "concurrent claimers never share a slot; each gets its slot's secret, principal and host name", async () => {
        firstClaimAt = Date.now();
        const results = await Promise.all(["vm1", "vm2", "vm3", "vm4"].map((name) => vms[name].claim()));
        claimsDoneAt = Date.now();
        const winners = ["vm1", "vm2", "vm3", "vm4"].filter((_, index) => results[index].code === 0);
        expect(winners).toHaveLength(3);
        const loser = ["vm1", "vm2", "vm3", "vm4"].find((name) => !winners.includes(name))!;
        expect(results[["vm1", "vm2", "vm3", "vm4"].indexOf(loser)].stderr).toContain("no free slot after 1 passes");
        expect(vms[loser].slot()).toBeUndefined();
        expect(new Set(winners.map((name) => vms[name].slot())).size).toBe(3);

        for (const name of winners) {
            const vm = vms[name];
            const slot = SLOTS.find((candidate) => candidate.id === vm.slot())!;
            expect(await leaseState(slot.id)).toBe("leased");
            expect(readFileSync(path.join(vm.dir, "kojid.keytab"), "utf8")).toBe(fakeSecret(slot.secretName));
            const principal = `compile/${slot.hostName}@FEDORAPROJECT.ORG`;
            expect(vm.lines()).toEqual([
                `kinit -k -t ${path.join(vm.dir, "kojid.keytab")} -c MEMORY:koji-slot ${principal}`,
                `hostnamectl set-hostname ${slot.hostName}`,
            ]);
            expect(configparser(readFileSync(path.join(vm.dir, "kojid.conf"), "utf8")).kojid.krb_principal).toBe(principal);
        }
        expect(imds.tokenRequests.every((query) => query.get("client_id") === builderEnv.AZURE_CLIENT_ID)).toBe(true);
        // The loser becomes vm4 for the rest of the story, whoever it was.
        if (loser !== "vm4") {
            [vms[loser], vms.vm4] = [vms.vm4, vms[loser]];
        }
    });

    itWithTools(TOOLS, "a released slot is free at once", async () => {
        const slot = vms.vm1.slot()!;
        expect((await vms.vm1.run("koji-slot", ["release"])).code).toBe(0);
        expect(await leaseState(slot)).toBe("available");
        expect(vms.vm1.slot()).toBeUndefined();
        expect((await vms.vm1.run("koji-slot", ["release"])).code).toBe(0); // idempotent
        expect((await vms.vm4.claim()).code).toBe(0);
        expect(vms.vm4.slot()).toBe(slot);
    });

    itWithTools(TOOLS, "the renewer keeps its lease past the lease time; an unrenewed lease expires and frees its slot", async () => {
        const renewer = vms.vm2.run("koji-slot", ["renew"], { KOJI_RENEW_SECONDS: "2", KOJI_MAX_ROUNDS: "15" }, 40_000);
        const expiring = vms.vm3.slot();
        // Every slot is held now: vm5 keeps trying (bounded) until vm3's unrenewed lease expires.
        const claim = await vms.vm5.claim({ KOJI_CLAIM_ATTEMPTS: "20", KOJI_CLAIM_RETRY_SECONDS: "1" });
        expect(claim.code).toBe(0);
        expect(Date.now() - firstClaimAt).toBeGreaterThanOrEqual(LEASE_SECONDS * 1000);
        expect(vms.vm5.slot()).toBe(expiring);
        // Past the time vm2's lease would have expired unrenewed, it is still vm2's.
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, claimsDoneAt + LEASE_SECONDS * 1000 + 5000 - Date.now())));
        expect(await leaseState(vms.vm2.slot()!)).toBe("leased");

        // A lost lease (broken by someone else) stops kojid at once.
        const broken = await httpsRequest(`${azurite.blobEndpoint}slots/${vms.vm2.slot()}?comp=lease`, "PUT",
            { ...storageAuth(), "x-ms-lease-action": "break", "x-ms-lease-break-period": "0" }, tls.cert);
        expect(broken.status).toBe(202);
        const renewal = await renewer;
        expect(renewal.code).toBe(3);
        expect(renewal.stderr).toMatch(/lost the lease on slot v3pool-0\d \(HTTP 409\)/);
        expect(vms.vm2.lines().at(-1)).toBe("systemctl stop kojid.service");
    }, 45_000);

    itWithTools(TOOLS, "on a Preempt event the watcher stops kojid, releases the lease, then acknowledges", async () => {
        const vm = vms.vm5;
        const slot = vm.slot()!;
        imds.vmName = "builder-vm5";
        const notBefore = new Date(Date.now() + 30_000).toUTCString();
        imds.events.push(
            { EventId: "other-vm", EventType: "Preempt", ResourceType: "VirtualMachine", Resources: ["builder-vm9"], EventStatus: "Scheduled", NotBefore: notBefore },
            { EventId: "freeze", EventType: "Freeze", ResourceType: "VirtualMachine", Resources: ["builder-vm5"], EventStatus: "Scheduled", NotBefore: notBefore },
            { EventId: "evict", EventType: "Preempt", ResourceType: "VirtualMachine", Resources: ["builder-vm5"], EventStatus: "Scheduled", NotBefore: notBefore },
        );
        // At the ack, record in vm5's timeline whether the lease was already given back.
        imds.onAck = async (eventId) => {
            const state = await leaseState(slot);
            writeFileSync(vm.timeline, `ack ${eventId} lease=${state}\n`, { flag: "a" });
            return state;
        };
        const watcher = await vm.run("azure-scheduled-events", [], { KOJI_EVENTS_POLL_SECONDS: "0.5", KOJI_MAX_ROUNDS: "4" }, 20_000);
        expect(watcher.code).toBe(0);
        expect(imds.acks).toEqual([{ eventId: "evict", note: "available" }]);
        expect(vm.lines().slice(-2)).toEqual(["systemctl stop kojid.service", "ack evict lease=available"]);
        expect(vm.slot()).toBeUndefined();
    });

    /**
     * Claims a slot for `vm`, then renews it through a proxy that lets `passing` renewals through and holds the
     * rest; returns when kojid was seen stopped (at most 50 ms late), the lease's state at that moment, and more.
     */
    async function renewThroughStall(vm: Vm, passing: number, renewSeconds: number) {
        const claimStartedAt = Date.now();
        expect((await vm.claim()).code).toBe(0);
        const slot = vm.slot()!;
        const proxy = await startStallingProxy(passing);
        try {
            const renewer = vm.run("koji-slot", ["renew"], {
                KOJI_SLOTS_CONTAINER_URL: new URL(new URL(builderEnv.KOJI_SLOTS_CONTAINER_URL).pathname, proxy.url).href,
                KOJI_RENEW_SECONDS: String(renewSeconds),
                KOJI_MAX_ROUNDS: "60",
            }, 40_000);
            let stoppedAt = 0;
            let stateAtStop = "";
            const giveUpAt = Date.now() + 35_000;
            while (!stoppedAt && Date.now() < giveUpAt) {
                await new Promise((resolve) => setTimeout(resolve, 50));
                if (vm.lines().includes("systemctl stop kojid.service")) {
                    stoppedAt = Date.now();
                    stateAtStop = await leaseState(slot);
                }
            }
            return { claimStartedAt, stoppedAt, stateAtStop, renewal: await renewer, passedAt: proxy.passedAt };
        } finally {
            await proxy.close();
        }
    }

    itWithTools(TOOLS, "when renewals time out, kojid is stopped before the lease can have expired", async () => {
        // KOJI_RENEW_SECONDS=2: renewals every 2 s, each given 1 s, retried 1 s after a failure.
        const { stoppedAt, stateAtStop, renewal, passedAt } = await renewThroughStall(vms.vm7, 2, 2);
        expect(passedAt).toHaveLength(2);
        // The last renewal that got through was sent no later than it reached the proxy: the lease runs from then at the earliest.
        expect(stoppedAt).toBeGreaterThan(passedAt[1]);
        expect(stoppedAt).toBeLessThan(passedAt[1] + LEASE_SECONDS * 1000);
        expect(stateAtStop).toBe("leased");
        expect(renewal.code).toBe(3);
        expect(renewal.stderr).toMatch(/renewal of slot v3pool-0\d answered HTTP 000; retrying/);
        expect(renewal.stderr).toMatch(/stopping kojid: could not renew the lease on slot v3pool-0\d in time/);
    }, 45_000);

    itWithTools(TOOLS, "when a renewal hangs past the lease, the watchdog stops kojid before the lease taken at claim can have expired", async () => {
        // KOJI_RENEW_SECONDS=40 gives the first renewal 20 s, longer than the 15 s lease: only the watchdog can act in time.
        const { claimStartedAt, stoppedAt, stateAtStop, renewal, passedAt } = await renewThroughStall(vms.vm8, 0, 40);
        expect(passedAt).toEqual([]);
        expect(stoppedAt).toBeGreaterThan(claimStartedAt);
        expect(stoppedAt).toBeLessThan(claimStartedAt + LEASE_SECONDS * 1000);
        expect(stateAtStop).toBe("leased");
        expect(renewal.code).toBe(3);
        expect(renewal.stderr).toMatch(/stopping kojid: the lease on slot v3pool-0\d was not renewed in time/);
    }, 45_000);

    itWithTools(TOOLS, "a VM that cannot use its slot's secret gives the slot back and fails", async () => {
        // The Key Vault stand-in serves keytab-like bytes, not the PEM a certificate builder needs.
        const claim = await vms.vm6.claim({ KOJI_AUTH: "certificate" });
        expect(claim.code).toBe(1);
        expect(claim.stderr).toMatch(/slot (v3pool-0\d): its secret koji-\1 is unusable; giving the slot back/);
        const slot = /claimed slot (v3pool-0\d)/.exec(claim.stderr)![1];
        expect(await leaseState(slot)).toBe("available");
        expect(vms.vm6.slot()).toBeUndefined();
        expect(vms.vm6.lines()).toEqual([]); // neither kinit nor hostnamectl ran
    });
});
