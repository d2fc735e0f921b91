/**
 * The package cache's nginx configuration, run for real: Debian's nginx on a loopback port in front of a
 * kojipkgs-like origin that answers after a delay. Times are scaled down through the configuration's own
 * validity settings.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { afterEach, describe, expect, it } from "vitest";
import { parseOrigin, renderPackageCacheNginxConf } from "../lib/package-cache/nginx";
import { itWithTools } from "./helpers/host-tools";
import { fetchText, freePort, kojipkgsTree, nginxTest, renderTestConfig, RunningCache, startCache, startOrigin } from "../scripts/bench/package-cache-lab";

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
    await Promise.all(running.splice(0).map((item) => item.close()));
});
const origin = async (...args: Parameters<typeof startOrigin>) => {
    const started = await startOrigin(...args);
    running.push(started);
    return started;
};
const cache = async (...args: Parameters<typeof startCache>): Promise<RunningCache> => {
    const started = await startCache(...args);
    running.push({ close: started.stop });
    return started;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { tree, packagePaths, repo } = kojipkgsTree(3);
const [firstPackage] = packagePaths;
const toplink = (packagePath: string, repoPath = repo) => `${repoPath}/toplink${packagePath}`;

describe("the package cache in front of a slow origin (real nginx)", () => {
    itWithTools(["nginx"], "passes nginx -t, with https origins too", async () => {
        const dir = mkdtempSync(path.join(tmpdir(), "package-cache-t-"));
        try {
            for (const origins of [["http://127.0.0.1:9"], ["https://kojipkgs.fedoraproject.org", "https://kojipkgs01.example.org/kojifiles"]]) {
                const configPath = path.join(dir, "nginx.conf");
                writeFileSync(configPath, renderTestConfig({ origins }, await freePort(), dir));
                const result = await nginxTest(configPath, dir);
                expect(result.output).toContain("test is successful");
                expect(result.status).toBe(0);
            }
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    itWithTools(["nginx"], "serves a second fetch of a package without reaching the origin", async () => {
        const kojipkgs = await origin(tree, { delayMs: 200 });
        const { url } = await cache({ origins: [kojipkgs.url] });
        const first = await fetchText(`${url}${firstPackage}`);
        const second = await fetchText(`${url}${firstPackage}`);
        expect([first.status, first.cacheStatus]).toEqual([200, "MISS"]);
        expect([second.status, second.cacheStatus]).toEqual([200, "HIT"]);
        expect(second.body).toBe(tree[firstPackage]);
        expect(kojipkgs.count(firstPackage)).toBe(1);
    });

    itWithTools(["nginx"], "always takes repomd.xml from the origin", async () => {
        const kojipkgs = await origin(tree, { delayMs: 50 });
        const { url } = await cache({ origins: [kojipkgs.url] });
        const repomd = `${repo}/repodata/repomd.xml`;
        for (let fetchNumber = 0; fetchNumber < 3; fetchNumber += 1) expect((await fetchText(`${url}${repomd}`)).status).toBe(200);
        expect(kojipkgs.count(repomd)).toBe(3);
        kojipkgs.put(repomd, "<repomd new/>\n");
        expect((await fetchText(`${url}${repomd}`)).body).toBe("<repomd new/>\n");
    });

    itWithTools(["nginx"], "keeps other repodata for seconds only", async () => {
        const kojipkgs = await origin(tree);
        const { url } = await cache({ origins: [kojipkgs.url], validity: { repodataSeconds: 1 } });
        const primary = `${repo}/repodata/abc123-primary.xml.zst`;
        await fetchText(`${url}${primary}`);
        expect((await fetchText(`${url}${primary}`)).cacheStatus).toBe("HIT");
        await sleep(2_100); // nginx counts whole seconds
        expect((await fetchText(`${url}${primary}`)).cacheStatus).toBe("EXPIRED");
        expect(kojipkgs.count(primary)).toBe(2);
    });

    itWithTools(["nginx"], "caches a package once for two repos' toplink paths and its own path", async () => {
        const kojipkgs = await origin(tree, { delayMs: 100 });
        const { url } = await cache({ origins: [kojipkgs.url] });
        const viaBuildRepo = await fetchText(`${url}${toplink(firstPackage)}`);
        const viaOtherRepo = await fetchText(`${url}${toplink(firstPackage, "/repos/f45-build-side-42/777/x86_64")}`);
        const direct = await fetchText(`${url}${firstPackage}`);
        expect([viaBuildRepo.cacheStatus, viaOtherRepo.cacheStatus, direct.cacheStatus]).toEqual(["MISS", "HIT", "HIT"]);
        expect(viaOtherRepo.body).toBe(tree[firstPackage]);
        // The origin saw the package's own path once, and no toplink path at all.
        expect(kojipkgs.requests).toEqual([firstPackage]);
    });

    itWithTools(["nginx"], "makes one origin request for concurrent first fetches", async () => {
        const kojipkgs = await origin(tree, { delayMs: 500 });
        const { url } = await cache({ origins: [kojipkgs.url] });
        const answers = await Promise.all(Array.from({ length: 8 }, () => fetchText(`${url}${firstPackage}`)));
        expect(answers.every((answer) => answer.status === 200 && answer.body === tree[firstPackage])).toBe(true);
        expect(kojipkgs.count(firstPackage)).toBe(1);
    });

    itWithTools(["nginx"], "still serves a cached package, even past its time, when the origin is down", async () => {
        const kojipkgs = await origin(tree);
        const { url } = await cache({ origins: [kojipkgs.url], validity: { packagesSeconds: 1 }, connectTimeoutSeconds: 1 });
        expect((await fetchText(`${url}${firstPackage}`)).status).toBe(200);
        await kojipkgs.down();
        const fresh = await fetchText(`${url}${firstPackage}`);
        expect([fresh.status, fresh.cacheStatus]).toEqual([200, "HIT"]);
        await sleep(2_100); // nginx counts whole seconds
        const stale = await fetchText(`${url}${firstPackage}`);
        expect([stale.status, stale.cacheStatus, stale.body]).toEqual([200, "STALE", tree[firstPackage]]);
        // A package never fetched cannot be served: the task sees the failure rather than a wrong answer.
        expect((await fetchText(`${url}${packagePaths[1]}`)).status).toBe(502);
        // Back up: fetched again.
        await kojipkgs.up();
        expect((await fetchText(`${url}${packagePaths[1]}`)).status).toBe(200);
    });

    itWithTools(["nginx"], "does not keep a 404 for long: a package signed a moment later is found", async () => {
        const kojipkgs = await origin({});
        const { url } = await cache({ origins: [kojipkgs.url], validity: { notFoundSeconds: 1 } });
        expect((await fetchText(`${url}${firstPackage}`)).status).toBe(404);
        kojipkgs.put(firstPackage, "signed later");
        expect((await fetchText(`${url}${firstPackage}`)).status).toBe(404); // cached, for a second
        await sleep(2_100); // nginx counts whole seconds
        const found = await fetchText(`${url}${firstPackage}`);
        expect([found.status, found.body]).toEqual([200, "signed later"]);
    });

    itWithTools(["nginx"], "falls over to the next origin on a refused connection or a 5xx, but not on a 404", async () => {
        const backup = await origin({ ...tree, "/work/tasks/1234/5678/foo.src.rpm": "srpm" });
        const failing = await origin(tree);
        failing.failWith(503);
        const refused = `http://127.0.0.1:${await freePort()}`;
        const { url } = await cache({ origins: [refused, failing.url, backup.url] });
        const fetched = await fetchText(`${url}${firstPackage}`);
        expect([fetched.status, fetched.body]).toEqual([200, tree[firstPackage]]);
        expect(failing.count(firstPackage)).toBe(1);
        // kojid's own downloads (work/) go through the same chain.
        expect((await fetchText(`${url}/work/tasks/1234/5678/foo.src.rpm`)).body).toBe("srpm");
        // The first answering origin's 404 is the answer.
        failing.failWith(undefined);
        expect((await fetchText(`${url}/packages/missing/1/1/x86_64/missing.rpm`)).status).toBe(404);
        expect(backup.count("/packages/missing/1/1/x86_64/missing.rpm")).toBe(0);
    });

    itWithTools(["nginx"], "fetches from an origin whose topdir has a path, under the same cache entry", async () => {
        const prefixed = await origin(Object.fromEntries(Object.entries(tree).map(([key, value]) => [`/kojifiles${key}`, value])));
        const { url } = await cache({ origins: [`${prefixed.url}/kojifiles/`] });
        expect((await fetchText(`${url}${toplink(firstPackage)}`)).body).toBe(tree[firstPackage]);
        expect((await fetchText(`${url}${firstPackage}`)).cacheStatus).toBe("HIT");
        expect(prefixed.requests).toEqual([`/kojifiles${firstPackage}`]);
    });

    itWithTools(["nginx"], "passes /compose/ uncached", async () => {
        const kojipkgs = await origin({ "/compose/Fedora-45/COMPOSE_ID": "Fedora-45-20261201.n.0" });
        const { url } = await cache({ origins: [kojipkgs.url] });
        await fetchText(`${url}/compose/Fedora-45/COMPOSE_ID`);
        await fetchText(`${url}/compose/Fedora-45/COMPOSE_ID`);
        expect(kojipkgs.count("/compose/Fedora-45/COMPOSE_ID")).toBe(2);
    });
});

describe("renderPackageCacheNginxConf (pure)", () => {
    const base = { origins: ["https://kojipkgs.fedoraproject.org"], listenPort: 80, cacheDir: "/var/cache/koji-packages", maxSizeGb: 400 };

    it("sizes the cache from the setting and verifies https origins by name", () => {
        const text = renderPackageCacheNginxConf(base);
        expect(text).toMatch(/proxy_cache_path \/var\/cache\/koji-packages .*max_size=400g/);
        expect(text).toContain("proxy_ssl_name kojipkgs.fedoraproject.org;");
        expect(text).toContain("proxy_ssl_verify on;");
        expect(text).toContain("user nginx;");
    });

    it.each([
        [{ origins: [] }, /origins: give at least one/],
        [{ origins: ["ftp://kojipkgs.example.org"] }, /origins\[0\]: .* must be an http or https URL/],
        [{ origins: ["https://kojipkgs.example.org/a;b"] }, /origins\[0\]: the path/],
        [{ origins: ["https://kojipkgs.example.org/?x=1"] }, /no user, query or fragment/],
        [{ listenPort: 0 }, /listenPort must be a TCP port/],
        [{ maxSizeGb: 0.5 }, /maxSizeGb must be a whole number/],
        [{ cacheDir: "relative" }, /cacheDir must be an absolute path/],
        [{ validity: { notFoundSeconds: 0 } }, /validity.notFoundSeconds must be a whole number of seconds/],
    ])("refuses %j with one line naming the setting", (change, message) => {
        expect(() => renderPackageCacheNginxConf({ ...base, ...change })).toThrow(message);
    });

    it("parses an origin with a path into its parts", () => {
        expect(parseOrigin("https://koji.example.org:8443/kojifiles/")).toEqual({
            scheme: "https",
            hostPort: "koji.example.org:8443",
            hostName: "koji.example.org",
            path: "/kojifiles",
        });
    });
});
