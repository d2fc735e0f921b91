/**
 * The egress guard's ruleset, checked by the real nft: it parses (`nft -c`), and in a network namespace of its own
 * a process in an allowed cgroup reaches a stand-in at 169.254.169.254 while a process in another cgroup is
 * refused. systemd's part (NFTSet= putting a unit's cgroup into the set) is played by `nft add element`, as
 * systemd does it when the unit's cgroup is realized.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import { EGRESS_TABLE, IMDS_ADDRESS, PLATFORM_CLIENTS_SET, renderEgressRuleset } from "../lib/cloud-init/egress";
import { hasTool, itWithTools, run } from "./helpers/host-tools";

const work = mkdtempSync(path.join(tmpdir(), "builder-egress-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const rulesetFile = path.join(work, "egress.nft");
writeFileSync(rulesetFile, renderEgressRuleset());

/**
 * The namespace test, as one script: a private mount namespace with cgroup v2 at /sys/fs/cgroup (where nft looks up
 * cgroup paths), two cgroups standing in for `system.slice/koji-slot.service` (allowed) and a build's cgroup, a
 * network namespace with the IMDS address on its loopback and an HTTP stand-in there (nsenter, not `ip netns exec`,
 * which would remount /sys). Prints `preflight-failed: <why>` when this machine's sandbox does not allow a step.
 */
const NAMESPACE_SCRIPT = `
set -u
fail() { echo "preflight-failed: $*"; exit 0; }
[ "$(id -u)" = 0 ] || fail "not root (network namespaces and cgroups need root)"
mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null || fail "cannot mount cgroup2 in a private mount namespace"
base="koji-egress-test-$$.slice"
mkdir -p "/sys/fs/cgroup/$base/koji-slot.service" "/sys/fs/cgroup/$base/kojid.service" || fail "cannot create cgroups"
ns="koji-egress-$$"
ip netns add "$ns" 2>/dev/null || fail "cannot create a network namespace"
cleanup() { kill "$server" 2>/dev/null; ip netns del "$ns"; sleep 0.2; rmdir "/sys/fs/cgroup/$base"/*.service "/sys/fs/cgroup/$base" 2>/dev/null; }
in_ns() { nsenter --net="/var/run/netns/$ns" "$@"; }
in_ns ip link set lo up && in_ns ip addr add ${IMDS_ADDRESS}/32 dev lo || { cleanup; fail "cannot configure the namespace's loopback"; }
in_ns python3 -m http.server --bind ${IMDS_ADDRESS} 80 >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do in_ns curl -s -o /dev/null --max-time 1 http://${IMDS_ADDRESS}/ && break; sleep 0.1; done
in_ns nft -f "$1" || { cleanup; echo "ruleset-refused"; exit 0; }
in_ns nft add element inet ${EGRESS_TABLE} ${PLATFORM_CLIENTS_SET} "{ \\"$base/koji-slot.service\\" }" || { cleanup; echo "element-refused"; exit 0; }
probe() { in_ns sh -c "echo \\$\\$ > /sys/fs/cgroup/$base/$1/cgroup.procs && exec curl -s -o /dev/null -w '%{http_code}' --max-time 3 http://${IMDS_ADDRESS}/"; }
echo "allowed=$(probe koji-slot.service)"
echo "build=$(probe kojid.service)"
cleanup
`;

describe("the egress guard's ruleset", () => {
    // nft -c talks to the kernel (CAP_NET_ADMIN): as root directly, else in a user and network namespace of its own.
    const asRoot = process.getuid?.() === 0;
    const nftCheck = () => (asRoot ? run("nft", ["-c", "-f", rulesetFile]) : run("unshare", ["-rn", "nft", "-c", "-f", rulesetFile]));
    const refusedHere = !asRoot && hasTool("unshare") && /unshare: .*(Operation not permitted|Permission denied)/.test(run("unshare", ["-rn", "true"]).stderr);
    if (refusedHere) {
        it.skip("passes nft -c [skipped: not root, and this machine refuses user namespaces (unshare -rn)]", () => undefined);
    } else {
        itWithTools(asRoot ? ["nft"] : ["nft", "unshare"], "passes nft -c", () => {
            const result = nftCheck();
            expect(result.stderr).toBe("");
            expect(result.status).toBe(0);
        });
    }

    it("closes both platform addresses, keeps the network's DNS and DHCP open, and refuses at once", () => {
        const ruleset = renderEgressRuleset();
        expect(ruleset).toContain("ip daddr != { 169.254.169.254, 168.63.129.16 } accept");
        expect(ruleset).toContain("ip daddr 168.63.129.16 udp dport { 53, 67 } accept");
        expect(ruleset).toMatch(/socket cgroupv2 level 2 @platform_clients accept\n\s+socket cgroupv2 level 1 @platform_clients accept\n/);
        expect(ruleset).toMatch(/reject with tcp reset\n\s+counter reject with icmpx admin-prohibited\n\s+}\n}\n$/);
    });

    const tools = ["nft", "unshare", "nsenter", "ip", "python3", "curl"];
    const ready = tools.every(hasTool);
    const outcome = ready
        ? spawnSync("unshare", ["-m", "--propagation", "private", "bash", "-c", NAMESPACE_SCRIPT, "egress-test", rulesetFile], {
              encoding: "utf8",
              timeout: 60_000,
          })
        : undefined;
    const preflight =
        /preflight-failed: (.*)/.exec(outcome?.stdout ?? "")?.[1] ??
        (outcome && outcome.status !== 0 ? `unshare -m failed: ${outcome.stderr.trim()}` : undefined);
    if (ready && preflight !== undefined) {
        it.skip(`in a network namespace, only the allowed cgroup reaches IMDS [skipped: this machine's sandbox refuses it: ${preflight}]`, () => undefined);
    } else {
        itWithTools(tools, "in a network namespace, a process in the allowed cgroup reaches IMDS and a build's process is refused", () => {
            expect(outcome!.stdout).toContain("allowed=200");
            expect(outcome!.stdout).toContain("build=000");
        });
    }
});
