/**
 * The package cache's real runtime for its tests and `npm run bench:cache`: Debian's nginx running the generated
 * configuration on a loopback port, in front of a kojipkgs-like origin stand-in that answers after a delay and
 * counts what reaches it.
 */
import { ChildProcess, spawn } from "child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as http from "http";
import * as net from "net";
import { tmpdir } from "os";
import * as path from "path";
import { PackageCacheNginxSettings, renderPackageCacheNginxConf, CACHE_HEALTH_PATH } from "../../lib/package-cache/nginx";

/** A free loopback port (the OS picks; closed again before use). */
export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

export interface OriginStandIn {
    readonly url: string;
    readonly port: number;
    /** Paths that reached the origin, in order. */
    readonly requests: string[];
    /** Requests for one path. */
    count(requestPath: string): number;
    /** Serve this body at this path from now on. */
    put(requestPath: string, body: string | Buffer): void;
    /** Answer every request with this status from now on (undefined: serve the tree again). */
    failWith(status: number | undefined): void;
    /** Stop listening: connections are refused, as when the origin is down. */
    down(): Promise<void>;
    /** Listen again on the same port. */
    up(): Promise<void>;
    close(): Promise<void>;
}

/** A kojipkgs-like origin: serves `tree` (path → body) after `delayMs`, 404 for anything else. */
export async function startOrigin(tree: Record<string, string | Buffer>, options: { delayMs?: number; port?: number } = {}): Promise<OriginStandIn> {
    const files = new Map(Object.entries(tree));
    const requests: string[] = [];
    let failure: number | undefined;
    const sockets = new Set<net.Socket>();
    const server = http.createServer((request, response) => {
        const requestPath = decodeURIComponent(new URL(request.url ?? "/", "http://origin").pathname);
        requests.push(requestPath);
        setTimeout(() => {
            const body = files.get(requestPath);
            if (failure !== undefined) {
                response.writeHead(failure).end("failing\n");
            } else if (body === undefined) {
                response.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
            } else {
                // kojipkgs-like headers that must not keep a package out of the cache.
                response
                    .writeHead(200, { "Content-Type": "application/x-rpm", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-cache" })
                    .end(body);
            }
        }, options.delayMs ?? 0);
    });
    server.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
    });
    const listen = (port: number) =>
        new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(port, "127.0.0.1", () => resolve());
        });
    await listen(options.port ?? 0);
    const port = (server.address() as net.AddressInfo).port;
    const stop = () =>
        new Promise<void>((resolve) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => resolve());
        });
    return {
        url: `http://127.0.0.1:${port}`,
        port,
        requests,
        count: (requestPath) => requests.filter((seen) => seen === requestPath).length,
        put: (requestPath, body) => files.set(requestPath, body),
        failWith: (status) => {
            failure = status;
        },
        down: stop,
        up: () => listen(port),
        close: () => (server.listening ? stop() : Promise.resolve()),
    };
}

export interface RunningCache {
    readonly url: string;
    readonly dir: string;
    /** The rendered nginx.conf. */
    readonly config: string;
    stop(): Promise<void>;
}

/** The settings a test gives; the runtime paths are the test's own directory. */
export type CacheTestSettings = Omit<PackageCacheNginxSettings, "listenPort" | "cacheDir" | "runtime" | "maxSizeGb">;

/** Renders the configuration with its runtime files in a fresh directory. */
export function renderTestConfig(settings: CacheTestSettings, port: number, dir: string): string {
    for (const sub of ["cache", "tmp", "logs"]) mkdirSync(path.join(dir, sub), { recursive: true });
    return renderPackageCacheNginxConf({
        ...settings,
        maxSizeGb: 1,
        listenPort: port,
        cacheDir: path.join(dir, "cache"),
        runtime: {
            // As root, run the workers as root too: the test directory is the test's own.
            user: process.getuid?.() === 0 ? "root" : undefined,
            pidFile: path.join(dir, "nginx.pid"),
            errorLog: path.join(dir, "logs", "error.log"),
            accessLog: path.join(dir, "logs", "access.log"),
            tempDir: path.join(dir, "tmp"),
            caBundle: "/etc/ssl/certs/ca-certificates.crt",
        },
    });
}

/** `nginx -t` on a configuration: status and nginx's own words. */
export function nginxTest(configPath: string, prefix: string): Promise<{ status: number | null; output: string }> {
    return new Promise((resolve) => {
        const child = spawn("nginx", ["-t", "-p", prefix, "-c", configPath, "-e", path.join(prefix, "logs", "startup.log")], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (chunk) => {
            output += chunk;
        });
        child.stderr.on("data", (chunk) => {
            output += chunk;
        });
        child.on("close", (status) => resolve({ status, output }));
    });
}

/** Starts nginx in the foreground on a free loopback port and waits until it answers its health path. */
export async function startCache(settings: CacheTestSettings): Promise<RunningCache> {
    const dir = mkdtempSync(path.join(tmpdir(), "package-cache-"));
    const port = await freePort();
    const config = renderTestConfig(settings, port, dir);
    const configPath = path.join(dir, "nginx.conf");
    writeFileSync(configPath, config);
    const child: ChildProcess = spawn("nginx", ["-p", dir, "-c", configPath, "-e", path.join(dir, "logs", "startup.log"), "-g", "daemon off;"], {
        stdio: "ignore",
    });
    let exited = false;
    child.on("exit", () => {
        exited = true;
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
        if (exited) {
            const log = (() => {
                try {
                    return readFileSync(path.join(dir, "logs", "startup.log"), "utf8");
                } catch {
                    return "";
                }
            })();
            throw new Error(`nginx did not start: ${log}`);
        }
        try {
            if ((await fetchText(`${url}${CACHE_HEALTH_PATH}`)).status === 200) break;
        } catch {
            /* not listening yet */
        }
        if (Date.now() > deadline) throw new Error("nginx did not answer its health path within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return {
        url,
        dir,
        config,
        stop: async () => {
            if (!exited) {
                await new Promise<void>((resolve) => {
                    child.once("exit", () => resolve());
                    child.kill("SIGTERM");
                });
            }
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

export interface Fetched {
    readonly status: number;
    readonly body: string;
    /** The cache's verdict header (HIT, MISS, STALE …), empty where it caches nothing. */
    readonly cacheStatus: string;
}

/** One GET without keep-alive (so a stopped origin or cache is seen at once). */
export function fetchText(url: string): Promise<Fetched> {
    return new Promise((resolve, reject) => {
        const request = http.get(url, { agent: false }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("end", () =>
                resolve({
                    status: response.statusCode ?? 0,
                    body: Buffer.concat(chunks).toString("utf8"),
                    cacheStatus: String(response.headers["x-cache-status"] ?? ""),
                }),
            );
            response.on("error", reject);
        });
        request.on("error", reject);
    });
}

/** A kojipkgs-like tree: `count` packages with their toplink paths in one repo and that repo's repodata. */
export function kojipkgsTree(count: number, bytes = 4096): { tree: Record<string, string>; packagePaths: string[]; repo: string } {
    const repo = "/repos/f45-build/123456/x86_64";
    const tree: Record<string, string> = {};
    const packagePaths: string[] = [];
    for (let index = 0; index < count; index += 1) {
        const name = `pkg${index}`;
        const packagePath = `/packages/${name}/1.0/1.fc45/x86_64/${name}-1.0-1.fc45.x86_64_v3.rpm`;
        tree[packagePath] = `${name} `.repeat(Math.ceil(bytes / (name.length + 1))).slice(0, bytes);
        packagePaths.push(packagePath);
    }
    tree[`${repo}/repodata/repomd.xml`] = "<repomd/>\n";
    tree[`${repo}/repodata/abc123-primary.xml.zst`] = "primary\n";
    return { tree, packagePaths, repo };
}
