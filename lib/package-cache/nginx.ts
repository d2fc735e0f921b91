/**
 * The package cache's nginx configuration: a full pass-through proxy for a Koji `topdir` tree, caching only what
 * cannot change. Pure: settings in, `nginx.conf` text out.
 *
 * What decides it (koji-project/koji@2083513a unless said otherwise):
 * - kojid's own downloads (SRPMs from `work/`, `rpmlist.jsonl`, mock configs) use only the first `topurl`
 *   (builder/kojid, `options.topurl = topurls[0]`), and a 404 or 503 there fails the task: so every path is
 *   proxied, not only packages, and a failing origin falls over to the next one here.
 * - Repos list packages by relative `location_href` (`toplink/packages/…`, kojihub/repos.py), so a
 *   path-preserving proxy works, and each repo's `toplink` path to a package is the package's own path: it is
 *   rewritten to `/packages/…` and cached once, as Fedora's s390x cache does
 *   (fedora-infra/ansible roles/varnish/templates/s390kojipkgs.vcl.j2).
 * - `repomd.xml` is never cached (the same VCL, and kojipkgs' own, roles/varnish/templates/kojipkgs.vcl.j2);
 *   `/compose/` and `/mash/` pass uncached (the s390x VCL).
 *
 * Origins are tried in order: each is a location of its own (nginx sends one Host and one TLS server name per
 * `proxy_pass`, and an `upstream` group would send the same to every server), chained by `error_page` on a
 * refused connection, a timeout or a 5xx. A 404 is an answer, not a failure, and falls over to nothing.
 */
import { InputPropertyError } from "../input-property-error";

/** How long each kind of path is kept, in seconds. */
export interface CacheValidity {
    /** `packages/` (and toplink paths rewritten to it): built and signed RPMs never change once written. */
    readonly packagesSeconds: number;
    /** repodata other than `repomd.xml`: seconds only, so concurrent builders share one fetch. */
    readonly repodataSeconds: number;
    /** `work/`: task outputs kojid fetches (SRPMs, rpmlist.jsonl); a task's files are written once, then cleaned up. */
    readonly workSeconds: number;
    /** A 404 anywhere cached: a package signed or a task output uploaded a moment later must not stay missing. */
    readonly notFoundSeconds: number;
    /** An entry nobody asked for this long is dropped, fresh or not (`inactive`); stale entries stay until then. */
    readonly unusedSeconds: number;
}

export const DEFAULT_CACHE_VALIDITY: CacheValidity = {
    packagesSeconds: 365 * 86_400,
    repodataSeconds: 10,
    workSeconds: 120,
    notFoundSeconds: 10,
    unusedSeconds: 30 * 86_400,
};

/** Files and the user nginx runs with; Fedora's nginx package paths by default. Tests move them. */
export interface NginxRuntime {
    /** `user`; omit to run as whoever starts nginx. Default `nginx` (Fedora's package creates it). */
    readonly user?: string;
    readonly pidFile: string;
    readonly errorLog: string;
    readonly accessLog: string;
    /** Where nginx buffers request bodies and uncached responses (Fedora's compiled-in `/var/lib/nginx/tmp`). */
    readonly tempDir: string;
    /** CA bundle for verifying https origins. */
    readonly caBundle: string;
}

export const FEDORA_NGINX_RUNTIME: NginxRuntime = {
    user: "nginx",
    pidFile: "/run/nginx.pid",
    errorLog: "/var/log/nginx/error.log",
    accessLog: "/var/log/nginx/access.log",
    tempDir: "/var/lib/nginx/tmp",
    caBundle: "/etc/pki/tls/certs/ca-bundle.crt",
};

export interface PackageCacheNginxSettings {
    /** The Koji topurls the cache fronts, in failover order (`http://` or `https://`, optionally with a path). */
    readonly origins: readonly string[];
    /** The port builders and the load balancer's probe connect to. */
    readonly listenPort: number;
    /** The cache's directory: the mount point of its data disk. */
    readonly cacheDir: string;
    /** `max_size` of the cache, in GiB: what the data disk holds less room for nginx's own temp files. */
    readonly maxSizeGb: number;
    /** Default `DEFAULT_CACHE_VALIDITY`. */
    readonly validity?: Partial<CacheValidity>;
    /** Seconds to wait for an origin to accept a connection before trying the next. Default 10. */
    readonly connectTimeoutSeconds?: number;
    /** Seconds an origin may stay silent mid-answer before it counts as failed. Default 60. */
    readonly readTimeoutSeconds?: number;
    /** DNS servers nginx asks for the origins' addresses, at request time. Default: Azure's, `168.63.129.16`. */
    readonly resolvers?: readonly string[];
    /** Default `FEDORA_NGINX_RUNTIME`. */
    readonly runtime?: NginxRuntime;
}

/** The load balancer probes this path; nginx answers it itself. */
export const CACHE_HEALTH_PATH = "/_cache/health";
/** The response header telling a client (and the tests) whether the cache served it: HIT, MISS, STALE, BYPASS … */
export const CACHE_STATUS_HEADER = "X-Cache-Status";
const CACHE_ZONE = "koji_packages";
/** The virtual network's DNS (learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16). */
const AZURE_DNS = "168.63.129.16";
/** The toplink path of a package in a repo (`repos/<tag>/<repo id>/<arch>/toplink/packages/…`). */
const TOPLINK = "^/repos/[^/]+/[^/]+/[^/]+/toplink/(packages/.*)$";

interface Origin {
    readonly scheme: "http" | "https";
    readonly hostPort: string;
    readonly hostName: string;
    /** The origin's topdir path without a trailing slash; empty at the root. */
    readonly path: string;
}

/** An origin URL as nginx needs it; refuses anything that could change the config's structure. */
export function parseOrigin(url: string, what = "origin"): Origin {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new InputPropertyError(what, `${what}: ${JSON.stringify(url)} is not a URL; give http(s)://host[/path]`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
        throw new InputPropertyError(what, `${what}: ${url} must be an http or https URL`);
    }
    if (parsed.username || parsed.password || parsed.search || parsed.hash) {
        throw new InputPropertyError(what, `${what}: ${url} must have no user, query or fragment`);
    }
    const path = parsed.pathname.replace(/\/+$/, "");
    if (!/^[A-Za-z0-9._~/-]*$/.test(path)) {
        throw new InputPropertyError(what, `${what}: the path of ${url} may hold only letters, digits and . _ ~ / -`);
    }
    return { scheme: parsed.protocol === "https:" ? "https" : "http", hostPort: parsed.host, hostName: parsed.hostname, path };
}

const wholeSeconds = (what: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) throw new InputPropertyError(what, `${what} must be a whole number of seconds, at least ${min}; got ${value}`);
    return value;
};

/** How one kind of path is cached: never, or for `seconds` (a 404 for `notFoundSeconds`, at most as long). */
type CachePolicy = { readonly seconds: number } | "uncached";

/**
 * The directives that fetch from one origin. The host is a variable so that nginx resolves it when it asks
 * (through `resolver`), not once at start-up: a cache that boots before DNS answers still starts, and follows an
 * origin that moves.
 */
function originDirectives(origin: Origin): string[] {
    const lines = [
        `set $origin_host "${origin.hostPort}";`,
        // A path origin: its topdir is below the root. `break` keeps the rewritten URI in this location (and ends
        // the rewrite directives, so it comes after `set`).
        ...(origin.path ? [`rewrite ^ ${origin.path}$package_path break;`] : []),
        `proxy_pass ${origin.scheme}://$origin_host;`,
        `proxy_set_header Host ${origin.hostPort};`,
        `proxy_set_header Connection "";`,
    ];
    if (origin.scheme === "https") {
        lines.push(
            "proxy_ssl_server_name on;",
            `proxy_ssl_name ${origin.hostName};`,
            "proxy_ssl_verify on;",
            "proxy_ssl_verify_depth 3;",
            "proxy_ssl_protocols TLSv1.2 TLSv1.3;",
        );
    }
    return lines;
}

function cacheDirectives(policy: CachePolicy, notFoundSeconds: number): string[] {
    if (policy === "uncached") return ["proxy_cache off;"];
    return [
        `proxy_cache ${CACHE_ZONE};`,
        // One entry per path whatever the origin or repo it came through.
        "proxy_cache_key $package_path$is_args$args;",
        `proxy_cache_valid 200 ${policy.seconds}s;`,
        `proxy_cache_valid 404 ${Math.min(notFoundSeconds, policy.seconds)}s;`,
        // Only these rules decide: an origin's Cache-Control or Vary must not make an RPM uncacheable.
        "proxy_ignore_headers Cache-Control Expires X-Accel-Expires Set-Cookie Vary;",
        // Concurrent first fetches wait for the one in flight (an RPM can take minutes from a slow origin).
        "proxy_cache_lock on;",
        "proxy_cache_lock_timeout 10m;",
        "proxy_cache_lock_age 10m;",
        // A copy past its time is better than a failed task when every origin fails.
        "proxy_cache_use_stale error timeout invalid_header updating http_500 http_502 http_503 http_504;",
        "proxy_cache_revalidate on;",
    ];
}

/** The nginx.conf text. Throws one line naming the setting on a value nginx or the origins would refuse. */
export function renderPackageCacheNginxConf(settings: PackageCacheNginxSettings): string {
    if (settings.origins.length === 0) throw new InputPropertyError("origins", "origins: give at least one Koji topurl for the cache to front");
    const origins = settings.origins.map((url, index) => parseOrigin(url, `origins[${index}]`));
    if (!Number.isInteger(settings.listenPort) || settings.listenPort < 1 || settings.listenPort > 65_535) {
        throw new InputPropertyError("listenPort", `listenPort must be a TCP port (1 to 65535), got ${settings.listenPort}`);
    }
    if (!Number.isInteger(settings.maxSizeGb) || settings.maxSizeGb < 1)
        throw new InputPropertyError("maxSizeGb", `maxSizeGb must be a whole number of GiB, at least 1; got ${settings.maxSizeGb}`);
    if (!/^\/[A-Za-z0-9._/-]+$/.test(settings.cacheDir))
        throw new InputPropertyError("cacheDir", `cacheDir must be an absolute path, got ${JSON.stringify(settings.cacheDir)}`);
    const validity = { ...DEFAULT_CACHE_VALIDITY, ...settings.validity };
    for (const [key, value] of Object.entries(validity)) wholeSeconds(`validity.${key}`, value, 1);
    const connectTimeout = wholeSeconds("connectTimeoutSeconds", settings.connectTimeoutSeconds ?? 10, 1);
    const readTimeout = wholeSeconds("readTimeoutSeconds", settings.readTimeoutSeconds ?? 60, 1);
    const runtime = settings.runtime ?? FEDORA_NGINX_RUNTIME;
    const resolvers = settings.resolvers ?? [AZURE_DNS];
    resolvers.forEach((resolver, index) => {
        if (!/^[0-9.]+$|^\[[0-9a-fA-F:]+\]$/.test(resolver))
            throw new InputPropertyError(`resolvers[${index}]`, `resolvers[${index}]: ${JSON.stringify(resolver)} is not an IP address`);
    });

    const classes: { readonly name: string; readonly match: string; readonly policy: CachePolicy; readonly why: string }[] = [
        { name: "packages", match: "^~ /packages/", policy: { seconds: validity.packagesSeconds }, why: "built and signed RPMs: immutable" },
        { name: "compose", match: "^~ /compose/", policy: "uncached", why: "composes: passed uncached, as Fedora's s390x cache" },
        { name: "mash", match: "^~ /mash/", policy: "uncached", why: "mashes: passed uncached, as Fedora's s390x cache" },
        { name: "work", match: "^~ /work/", policy: { seconds: validity.workSeconds }, why: "task outputs kojid fetches: briefly" },
        { name: "repomd", match: "~ /repodata/repomd\\.xml$", policy: "uncached", why: "a repo's index: never cached" },
        { name: "repodata", match: "~ /repodata/", policy: { seconds: validity.repodataSeconds }, why: "repodata: seconds only" },
        { name: "other", match: "/", policy: "uncached", why: "everything else passes through" },
    ];

    const indent = (lines: readonly string[], depth: number) => lines.map((line) => `${"    ".repeat(depth)}${line}`);
    const failover = (className: string, next: number) => (next < origins.length ? [`error_page 502 503 504 = @${className}_origin_${next + 1};`] : []);
    const blocks: string[] = [];
    for (const cacheClass of classes) {
        const body = (originIndex: number) => [
            ...cacheDirectives(cacheClass.policy, validity.notFoundSeconds),
            ...originDirectives(origins[originIndex]),
            ...failover(cacheClass.name, originIndex + 1),
        ];
        blocks.push(
            "",
            `# ${cacheClass.why}`,
            `location ${cacheClass.match} {`,
            ...indent(body(0), 1),
            "}",
            ...origins.slice(1).flatMap((_, index) => [`location @${cacheClass.name}_origin_${index + 2} {`, ...indent(body(index + 1), 1), "}"]),
        );
    }

    const https = origins.some((origin) => origin.scheme === "https");
    const http = [
        "default_type application/octet-stream;",
        "sendfile on;",
        "tcp_nopush on;",
        "keepalive_timeout 65;",
        "server_tokens off;",
        `log_format cache '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time cache=$upstream_cache_status origin=$upstream_addr';`,
        `access_log ${runtime.accessLog} cache;`,
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `${kind}_temp_path ${runtime.tempDir}/${kind};`),
        `proxy_cache_path ${settings.cacheDir} levels=1:2 keys_zone=${CACHE_ZONE}:256m max_size=${settings.maxSizeGb}g inactive=${validity.unusedSeconds}s use_temp_path=off;`,
        ...(https ? [`proxy_ssl_trusted_certificate ${runtime.caBundle};`] : []),
        `resolver ${resolvers.join(" ")} valid=300s ipv6=off;`,
        "resolver_timeout 5s;",
        "proxy_http_version 1.1;",
        `proxy_connect_timeout ${connectTimeout}s;`,
        `proxy_read_timeout ${readTimeout}s;`,
        `proxy_send_timeout ${readTimeout}s;`,
        // An origin's 5xx goes to the next origin (error_page); its 404 is passed on as it is.
        "proxy_intercept_errors on;",
        "recursive_error_pages on;",
        "",
        "server {",
        ...indent(
            [
                `listen ${settings.listenPort} default_server;`,
                "server_name _;",
                `add_header ${CACHE_STATUS_HEADER} $upstream_cache_status always;`,
                // A package's path in any repo is the package's own path.
                `rewrite ${TOPLINK} /$1;`,
                "set $package_path $uri;",
                "",
                `location = ${CACHE_HEALTH_PATH} {`,
                "    access_log off;",
                "    default_type text/plain;",
                '    return 200 "ok\\n";',
                "}",
                ...blocks,
            ],
            1,
        ),
        "}",
    ];
    return [
        "# The Koji package cache (rendered by lib/package-cache/nginx.ts; edits are lost on the next deployment).",
        ...(runtime.user ? [`user ${runtime.user};`] : []),
        "worker_processes auto;",
        `pid ${runtime.pidFile};`,
        `error_log ${runtime.errorLog} warn;`,
        "",
        "events {",
        "    worker_connections 4096;",
        "}",
        "",
        "http {",
        ...indent(http, 1),
        "}",
        "",
    ].join("\n");
}
