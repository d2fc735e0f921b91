/**
 * The builder's runtime under faults: the slot holder, kojid's gate, the health endpoint and the Scheduled Events
 * watcher, run for real (bash scripts from lib/cloud-init/scripts with the settings of rendered user data) against
 * Azurite's blob lease API and IMDS and Key Vault stand-ins. Each scenario has its own pool (slots container) and
 * VMs, so the scenarios run side by side. Time is scaled through the scripts' own settings: 15 s leases (Azure's
 * shortest; production uses 60), so outages are scaled by the same quarter; renewals every 2 s; backoff 1 to 2 s.
 * Every scenario ends with its builders holding slots and the kojid stand-in running again, without help.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { Azurite, fakeSecret, httpsRequest, KeyVault, makeTls, startAzurite, startKeyVault, Tls } from "./helpers/azure-standins";
import { BuilderVm, LEASE_SECONDS, sleep, startOutageProxy, storageAuth, TestPool, waitFor } from "./helpers/builder-vm";
import { hasTool, itWithTools } from "./helpers/host-tools";

const TOOLS = ["bash", "curl", "jq", "openssl", "python3", "pgrep", "setsid"];
/** How long a claim may take here: a lease to expire, plus backoff and a few requests. */
const CLAIM_MS = (LEASE_SECONDS + 10) * 1000;

const work = mkdtempSync(path.join(tmpdir(), "builder-runtime-test-"));
let tls: Tls;
let azurite: Azurite;
let keyVault: KeyVault;
const vms: BuilderVm[] = [];

/** A pool of `slotCount` slots with its container created, and its secrets in the vault. */
async function pool(name: string, slotCount: number, blobEndpoint = azurite.blobEndpoint): Promise<TestPool> {
    const testPool = new TestPool(work, name, slotCount, blobEndpoint, keyVault, tls);
    await testPool.create(azurite.blobEndpoint);
    return testPool;
}

async function vm(name: string, testPool: TestPool, options: Parameters<typeof BuilderVm.create>[2] = {}): Promise<BuilderVm> {
    const created = await BuilderVm.create(name, testPool, options);
    vms.push(created);
    return created;
}

const leaseState = (testPool: TestPool, slotId: string) => testPool.leaseState(azurite.blobEndpoint, slotId);

/** A pool of `slotCount` slots and one VM booted on it, once it builds: the pool, the VM and its slot. */
async function building(poolName: string, slotCount: number, options: Parameters<typeof BuilderVm.create>[2] & { blobEndpoint?: string } = {}) {
    const testPool = await pool(poolName, slotCount, options.blobEndpoint);
    const builder = await vm(`${poolName}-a`, testPool, options);
    builder.boot();
    return { testPool, builder, slot: await builder.waitUntilBuilding(CLAIM_MS) };
}

beforeAll(async () => {
    if (!TOOLS.every(hasTool)) return;
    tls = makeTls(work);
    const secretNames = ["claims", "outage", "vault", "reboot", "clones", "preempt", "drain", "lost"].flatMap((name) =>
        Array.from({ length: 4 }, (_, index) => `koji-${name}-00${index + 1}`),
    );
    [azurite, keyVault] = await Promise.all([startAzurite(work, tls), startKeyVault(tls, secretNames)]);
}, 60_000);

afterAll(async () => {
    await Promise.all(vms.map((each) => each.shutdown()));
    await Promise.all([azurite?.stop(), keyVault?.close()]);
    rmSync(work, { recursive: true, force: true });
});

describe.concurrent("a builder's life under faults", () => {
    itWithTools(
        TOOLS,
        "concurrent VMs never share a slot; the one left over waits, healthy, and takes a slot as soon as one is released",
        async () => {
            const claims = await pool("claims", 3);
            const four = await Promise.all(["claims-a", "claims-b", "claims-c", "claims-d"].map((name) => vm(name, claims)));
            four.forEach((each) => each.boot());
            await waitFor(
                "three builders and one waiting VM",
                () =>
                    four.filter((each) => each.isActive("kojid.service") && each.heldSlot()).length === 3 &&
                    four.some((each) => each.status().startsWith("waiting every slot of the pool is held")),
                CLAIM_MS,
            );
            const builders = four.filter((each) => each.heldSlot());
            const waiting = four.find((each) => !each.heldSlot())!;
            expect(new Set(builders.map((each) => each.heldSlot())).size).toBe(3);
            for (const builder of builders) {
                const slot = claims.slots.find((candidate) => candidate.id === builder.heldSlot())!;
                expect(readFileSync(path.join(builder.dir, "kojid.keytab"), "utf8")).toBe(fakeSecret(slot.secretName));
                const principal = `compile/${slot.hostName}@FEDORAPROJECT.ORG`;
                expect(builder.lines()).toContain(`hostnamectl set-hostname ${slot.hostName}`);
                expect(builder.lines()).toContain(`kojid: up as ${principal}, maxjobs 25`);
                expect(await builder.health()).toMatchObject({ status: "HTTP/1.1 200 OK", state: "Healthy", builder: `builder: slot ${slot.id}` });
            }
            // Every slot is held: the pool waits, which replacing this VM would not change.
            expect(await waiting.health({ KOJI_HEALTH_GRACE_SECONDS: "0" })).toMatchObject({
                state: "Healthy",
                builder: "waiting: every slot of the pool is held",
            });
            expect(waiting.isActive("kojid.service")).toBe(false);

            // Scale-in of one builder: its slot is released and the waiting VM takes it well before a lease could expire.
            const leaving = builders[0];
            const freed = leaving.heldSlot()!;
            const releasedAt = Date.now();
            leaving.systemctl("stop", "koji-slot.service");
            expect(await leaseState(claims, freed)).toBe("available");
            expect(await waiting.waitUntilBuilding(CLAIM_MS)).toBe(freed);
            expect(Date.now() - releasedAt).toBeLessThan(LEASE_SECONDS * 1000);
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "storage unreachable for 90 s (scaled: 22 s) while kojid runs: kojid stops before the lease can expire, then the same slot and kojid come back",
        async () => {
            const proxy = await startOutageProxy(tls, azurite);
            try {
                const { testPool: outage, builder, slot } = await building("outage", 2, { blobEndpoint: proxy.blobEndpoint });
                const before = builder.lines().length - 1;
                proxy.setDown(true);
                const downAt = Date.now();
                const stopLine = await builder.waitForLine(/^systemctl stop kojid\.service$/, LEASE_SECONDS * 1000, before);
                // Seen at most ~100 ms late: the lease, whose last renewal began before the outage, is still this VM's.
                expect(await leaseState(outage, slot)).toBe("leased");
                expect(Date.now() - downAt).toBeLessThan(LEASE_SECONDS * 1000);
                await waitFor("kojid to be stopped", () => !builder.isActive("kojid.service"), 5000);
                await sleep(Math.max(0, downAt + 22_500 - Date.now()));
                expect(builder.status()).toMatch(/^(failing|claiming)/);
                const health = await builder.health();
                // Within its grace: an outage is not a reason to replace it.
                expect(
                    health.state,
                    `${health.builder}; ${builder
                        .lines()
                        .filter((line) => !line.includes("is-active"))
                        .slice(-5)
                        .join(" | ")}`,
                ).toBe("Healthy");
                proxy.setDown(false);
                // The lease expired during the outage and nobody took the slot: the holder takes it again.
                await builder.waitForLine(/^kojid: up as /, CLAIM_MS, stopLine);
                expect(await builder.waitUntilBuilding(CLAIM_MS)).toBe(slot);
            } finally {
                await proxy.close();
            }
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "Key Vault answers 403 for the first minutes of boot (scaled: 10 s): the VM waits, gives each slot back, and becomes a builder when it can read",
        async () => {
            const vault = await pool("vault", 2);
            const forbiddenUntil = Date.now() + 10_000;
            const previous = keyVault.refuse;
            keyVault.refuse = (name) => (name.startsWith("koji-vault-") && Date.now() < forbiddenUntil ? 403 : previous(name));
            const builder = await vm("vault-a", vault);
            builder.boot();
            await waitFor("the VM to wait on the secret", () => builder.status().startsWith("waiting secret koji-vault-0"), CLAIM_MS);
            expect(builder.status()).toContain("(HTTP 403)");
            // It does not sit on a slot it cannot use, and it does not ask to be replaced.
            expect(await leaseState(vault, "vault-001")).toMatch(/available|HTTP 404/);
            expect(await builder.health({ KOJI_HEALTH_GRACE_SECONDS: "0" })).toMatchObject({
                state: "Healthy",
                builder: expect.stringMatching(/^waiting: secret koji-vault-00\d is not readable yet \(HTTP 403\)/),
            });
            expect(builder.isActive("kojid.service")).toBe(false);
            expect(await builder.waitUntilBuilding(CLAIM_MS)).toMatch(/^vault-00\d$/);
            expect(Date.now()).toBeGreaterThanOrEqual(forbiddenUntil);
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "a reboot: the VM takes the same slot again (not the first free one) and kojid logs in with its slot's credential cache",
        async () => {
            const reboot = await pool("reboot", 3);
            const [first, second] = [await vm("reboot-a", reboot), await vm("reboot-b", reboot)];
            first.boot();
            expect(await first.waitUntilBuilding(CLAIM_MS)).toBe("reboot-001");
            second.boot();
            expect(await second.waitUntilBuilding(CLAIM_MS)).toBe("reboot-002");
            first.systemctl("stop", "koji-slot.service"); // reboot-001 is free now
            const ccache = path.join(second.dir, "kojid.reboot-002.ccache");
            expect(readFileSync(ccache, "utf8").trim()).toBe("compile/reboot-002.az.example.org@FEDORAPROJECT.ORG");

            second.powerLoss();
            const bootedAt = second.lines().length - 1;
            second.boot();
            await second.waitForLine(/^kojid: up as compile\/reboot-002\.az\.example\.org@FEDORAPROJECT\.ORG/, CLAIM_MS, bootedAt);
            expect(await second.waitUntilBuilding(CLAIM_MS)).toBe("reboot-002");
            // Before the lease could expire: its own lease id takes its own leased slot straight back.
            expect(
                second
                    .lines()
                    .slice(bootedAt)
                    .some((line) => /credential cache does not match/.test(line)),
            ).toBe(false);

            // The cache is the slot's own (kojid.conf says so), so a VM that changes slot never meets another principal's.
            expect(readFileSync(path.join(second.dir, "kojid.conf"), "utf8")).toMatch(new RegExp(`^ccache = ${ccache}$`, "m"));
            // The control: a cache holding another principal is refused, as MIT Kerberos refuses it, so the check above bites.
            writeFileSync(ccache, "compile/reboot-001.az.example.org@FEDORAPROJECT.ORG\n");
            second.systemctl("stop", "kojid.service");
            second.systemctl("start", "kojid.service");
            await second.waitForLine(/^kojid: Principal in credential cache does not match desired name/, 10_000, bootedAt);
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "two VMs cloned from one builder's image hold two slots: the clone's other vmId gives it a new lease id",
        async () => {
            const { testPool: clones, builder: original, slot } = await building("clones", 3);
            const leaseId = readFileSync(path.join(original.dir, "state", "lease-id"), "utf8");
            const clone = await vm("clones-b", clones, { from: original });
            expect(readFileSync(path.join(clone.dir, "state", "lease-id"), "utf8")).toBe(leaseId); // the image carries it
            clone.boot();
            const cloneSlot = await clone.waitUntilBuilding(CLAIM_MS);
            expect(cloneSlot).not.toBe(slot);
            expect(readFileSync(path.join(clone.dir, "state", "lease-id"), "utf8")).not.toBe(leaseId);
            expect(clone.log("koji-slot.service")).toContain("the saved lease id belongs to another VM");
            expect(original.heldSlot()).toBe(slot);
            expect(await leaseState(clones, slot)).toBe("leased");
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "a lease broken by someone else stops kojid at once; the builder claims again and kojid runs again",
        async () => {
            const { builder, slot } = await building("lost", 1);
            const before = builder.lines().length - 1;
            const broken = await httpsRequest(
                `${azurite.blobEndpoint}slots-lost/${slot}?comp=lease`,
                "PUT",
                { ...storageAuth(), "x-ms-lease-action": "break", "x-ms-lease-break-period": "0" },
                tls.cert,
            );
            expect(broken.status).toBe(202);
            const stopLine = await builder.waitForLine(/^systemctl stop kojid\.service$/, 10_000, before);
            expect(builder.log("koji-slot.service")).toMatch(/lost the lease on slot lost-001 \(HTTP 409\)/);
            await builder.waitForLine(/^kojid: up as /, CLAIM_MS, stopLine);
            expect(await builder.waitUntilBuilding(CLAIM_MS)).toBe(slot);
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "Preempt on a busy builder: tasks handed back at once (freeTasks without kojid's pauses), lease released, then the acknowledgement",
        async () => {
            const { testPool: preempt, builder, slot } = await building("preempt", 2, { env: { KOJI_TEST_TASKS: "5", KOJI_TEST_CLEANUP_PAUSE: "3" } });
            await builder.waitForLine(/^kojid: running 5 tasks$/, 10_000);
            builder.imds.onAck = async (eventId) => {
                const state = await leaseState(preempt, slot);
                writeFileSync(builder.timeline, `ack ${eventId} lease=${state}\n`, { flag: "a" });
                return state;
            };
            builder.imds.events.push(
                {
                    EventId: "other-vm",
                    EventType: "Preempt",
                    ResourceType: "VirtualMachine",
                    Resources: ["preempt-z"],
                    EventStatus: "Scheduled",
                    NotBefore: new Date(Date.now() + 30_000).toUTCString(),
                },
                {
                    EventId: "evict",
                    EventType: "Preempt",
                    ResourceType: "VirtualMachine",
                    Resources: ["preempt-a"],
                    EventStatus: "Scheduled",
                    NotBefore: new Date(Date.now() + 30_000).toUTCString(),
                },
            );
            const noticeAt = Date.now();
            const watcher = await builder.run("azure-scheduled-events", [], { KOJI_MAX_ROUNDS: "6" }, 40_000);
            const handedBackMs = Date.now() - noticeAt;
            expect(watcher.code).toBe(0);
            expect(builder.imds.acks).toEqual([{ eventId: "evict", note: "available" }]);
            const lines = builder.lines();
            const freed = lines.findIndex((line) => line.startsWith("kojid: freeTasks 5 tasks"));
            expect(freed).toBeGreaterThan(-1);
            expect(lines.indexOf("ack evict lease=available")).toBeGreaterThan(freed);
            // The tasks were gone when kojid's cleanup looked: at most the pause it was in (3 s), not one per task (15 s).
            const cleanup = Number(/after ([\d.]+) s of cleanup/.exec(lines[freed])![1]);
            expect(cleanup).toBeLessThan(2 * 3);
            console.log(`Preempt with 5 busy tasks: acknowledged ${handedBackMs} ms after the watcher started; kojid's cleanup took ${cleanup} s`);
        },
        90_000,
    );

    itWithTools(
        TOOLS,
        "Terminate on a busy builder: kojid drains (maxjobs 0 and SIGUSR1, re-executes idle and takes nothing), then stops, the lease is released and the event acknowledged",
        async () => {
            const {
                testPool: drain,
                builder,
                slot,
            } = await building("drain", 2, { env: { KOJI_TEST_TASKS: "2", KOJI_TEST_TASK_SECONDS: "4", KOJI_DRAIN_STOP_SECONDS: "5" } });
            await builder.waitForLine(/^kojid: running 2 tasks$/, 10_000);
            builder.imds.onAck = async (eventId) => {
                const state = await leaseState(drain, slot);
                writeFileSync(builder.timeline, `ack ${eventId} lease=${state}\n`, { flag: "a" });
                return state;
            };
            builder.imds.events.push({
                EventId: "scale-in",
                EventType: "Terminate",
                ResourceType: "VirtualMachine",
                Resources: ["drain-a"],
                EventStatus: "Scheduled",
                NotBefore: new Date(Date.now() + 60_000).toUTCString(),
            });
            const watcher = await builder.run("azure-scheduled-events", [], { KOJI_MAX_ROUNDS: "4" }, 60_000);
            expect(watcher.code).toBe(0);
            expect(watcher.stderr).toContain("kojid is idle");
            const lines = builder.lines();
            const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
            expect(at(/^systemctl reload kojid\.service$/)).toBeGreaterThan(-1);
            expect(at(/^kojid: task 1 done$/)).toBeGreaterThan(at(/^systemctl reload kojid\.service$/));
            expect(at(/^kojid: idle after SIGUSR1: re-executing$/)).toBeGreaterThan(at(/^kojid: task 2 done$/));
            expect(lines).toContain(`kojid: up as compile/${slot}.az.example.org@FEDORAPROJECT.ORG, maxjobs 0`);
            expect(at(/^kojid: freeTasks/)).toBeGreaterThan(at(/re-executing/));
            expect(builder.imds.acks).toEqual([{ eventId: "scale-in", note: "available" }]);
            expect(readFileSync(path.join(builder.dir, "kojid.conf"), "utf8")).toMatch(/^maxjobs = 0$/m);
        },
        90_000,
    );
});

describe("the health endpoint and kojid's gate", () => {
    /** A VM whose holder state is written by hand: `status` and a lease that began `leaseAgeSeconds` ago. */
    async function stateVm(name: string, status: string, leaseAgeSeconds?: number): Promise<BuilderVm> {
        const testPool = new TestPool(work, `state-${name}`, 1, "https://farmstore.blob.core.windows.net/", keyVault, tls);
        const created = await vm(name, testPool);
        const uptime = Math.floor(Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]));
        const runDir = path.join(created.dir, "run");
        rmSync(runDir, { recursive: true, force: true });
        mkdirSync(runDir);
        writeFileSync(path.join(runDir, "status"), `${status}\n`);
        if (leaseAgeSeconds !== undefined) writeFileSync(path.join(runDir, "lease"), `${testPool.slots[0].id} ${uptime - leaseAgeSeconds}\n`);
        return created;
    }

    itWithTools(TOOLS, "kojid may start only on a lease that cannot have expired", async () => {
        const fresh = await stateVm("gate-fresh", "holding slot state-gate-fresh-001", 1);
        expect((await fresh.run("koji-slot", ["check"])).code).toBe(0);
        const stale = await stateVm("gate-stale", "holding slot state-gate-stale-001", LEASE_SECONDS - 2);
        expect(await stale.run("koji-slot", ["check"])).toMatchObject({ code: 1, stderr: expect.stringContaining("is not fresh") });
        const none = await stateVm("gate-none", "claiming starting");
        expect(await none.run("koji-slot", ["check"])).toMatchObject({ code: 1, stderr: expect.stringContaining("holds no slot") });
        // The systemctl stand-in runs the same ExecStartPre as the rendered drop-in: no lease, no kojid.
        expect(none.systemctl("start", "kojid.service")).toBe(1);
        expect(none.isActive("kojid.service")).toBe(false);
    });

    itWithTools(TOOLS, "answers Unhealthy only once the VM has failed for longer than its grace, for a reason of its own", async () => {
        const failing = await stateVm("health-failing", "failing no storage token from IMDS");
        expect(await failing.health({ KOJI_HEALTH_GRACE_SECONDS: "100000000" })).toMatchObject({
            state: "Healthy",
            builder: "within grace: failing: no storage token from IMDS",
        });
        expect(await failing.health({ KOJI_HEALTH_GRACE_SECONDS: "0" })).toMatchObject({
            state: "Unhealthy",
            builder: "not a builder for over 0s: failing: no storage token from IMDS",
        });
        // A held slot whose kojid is not running (crash-looping, say) is not a builder either.
        const idle = await stateVm("health-idle", "holding slot state-health-idle-001", 1);
        expect(await idle.health({ KOJI_HEALTH_GRACE_SECONDS: "100000000" })).toMatchObject({ state: "Healthy", builder: "within grace: kojid is not active" });
        expect((await idle.health({ KOJI_HEALTH_GRACE_SECONDS: "0" })).state).toBe("Unhealthy");
        // Nothing written yet (the holder has not run): counted from boot.
        const early = await BuilderVm.create("health-early", new TestPool(work, "state-early", 1, "https://farmstore.blob.core.windows.net/", keyVault, tls));
        vms.push(early);
        expect(await early.health({ KOJI_HEALTH_GRACE_SECONDS: "0" })).toMatchObject({
            state: "Unhealthy",
            builder: expect.stringContaining("starting: koji-slot.service has not run yet"),
        });
    });
});
