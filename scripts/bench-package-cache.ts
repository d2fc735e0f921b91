/**
 * `npm run bench:cache [-- --packages N --delay-ms D --parallel P]`: what the package cache saves a buildroot.
 * Fetches N packages (one buildroot's worth) from a kojipkgs-like origin stand-in that answers each request after
 * D ms, P at a time as dnf does (`max_parallel_downloads`, 3 by default): directly, then through a fresh cache
 * (cold), then through the same cache again (warm). The cache is the generated nginx configuration run by the
 * real nginx. Reports times and ratios; the target (warm at least 5x faster than direct) is reported, never
 * asserted.
 */
import { parseArgs } from "node:util";
import { fetchText, kojipkgsTree, startCache, startOrigin } from "./bench/package-cache-lab";
import { formatTable } from "./sizes";

/** Fetches every path, `parallel` at a time; returns the wall time in ms. Fails on any non-200 answer. */
async function fetchAll(base: string, paths: readonly string[], parallel: number): Promise<number> {
    const queue = [...paths];
    const started = process.hrtime.bigint();
    await Promise.all(
        Array.from({ length: parallel }, async () => {
            for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
                const answer = await fetchText(`${base}${next}`);
                if (answer.status !== 200) throw new Error(`${next}: HTTP ${answer.status}`);
            }
        }),
    );
    return Number(process.hrtime.bigint() - started) / 1e6;
}

function wholeNumber(name: string, text: string, min: number): number {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${text}`);
    return value;
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            packages: { type: "string", default: "200" },
            "delay-ms": { type: "string", default: "50" },
            parallel: { type: "string", default: "3" },
            help: { type: "boolean", short: "h", default: false },
        },
    });
    if (values.help) {
        process.stdout.write(
            [
                "usage: npm run bench:cache [-- --packages N --delay-ms D --parallel P]",
                "  --packages N   packages in the buildroot (default 200)",
                "  --delay-ms D   the origin's delay per request, standing in for the way to Fedora's datacenter (default 50)",
                "  --parallel P   downloads at a time, as dnf's max_parallel_downloads (default 3)",
                "",
            ].join("\n"),
        );
        return;
    }
    const count = wholeNumber("packages", values.packages, 1);
    const delayMs = wholeNumber("delay-ms", values["delay-ms"], 0);
    const parallel = wholeNumber("parallel", values.parallel, 1);
    // Packages of 64 KiB: the median binary RPM is larger, but the delay, not the bytes, is what the cache saves.
    const { tree, packagePaths, repo } = kojipkgsTree(count, 64 * 1024);
    // A buildroot fetches through its repo's toplink paths (relative location_href), as mock's dnf does.
    const paths = packagePaths.map((packagePath) => `${repo}/toplink${packagePath}`);
    const origin = await startOrigin(tree, { delayMs });
    const cache = await startCache({ origins: [origin.url] });
    try {
        const direct = await fetchAll(origin.url, packagePaths, parallel);
        const cold = await fetchAll(cache.url, paths, parallel);
        const originRequests = origin.requests.length;
        const warm = await fetchAll(cache.url, paths, parallel);
        const warmOriginRequests = origin.requests.length - originRequests;
        const ratio = (ms: number) => `${(direct / ms).toFixed(1)}x`;
        process.stdout.write(`${count} packages of 64 KiB, origin delay ${delayMs} ms per request, ${parallel} downloads at a time\n\n`);
        process.stdout.write(
            `${formatTable(
                ["fetch", "time", "vs direct"],
                [
                    ["direct from the origin", `${direct.toFixed(0)} ms`, "1.0x"],
                    ["through a cold cache", `${cold.toFixed(0)} ms`, ratio(cold)],
                    ["through a warm cache", `${warm.toFixed(0)} ms`, ratio(warm)],
                ],
            )}\n`,
        );
        process.stdout.write(`origin requests on the warm pass: ${warmOriginRequests}\n`);
        process.stdout.write(`target, warm at least 5x faster than direct: ${direct / warm >= 5 ? "met" : "NOT met"} (${ratio(warm)})\n`);
    } finally {
        await cache.stop();
        await origin.close();
    }
}

main().catch((error: Error) => {
    process.stderr.write(`bench:cache: ${error.message}\n`);
    process.exitCode = 1;
});
