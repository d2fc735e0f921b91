/**
 * Local stand-ins for what a builder talks to, all on 127.0.0.1: Azurite (the real blob lease API, OAuth
 * over HTTPS), an IMDS (managed identity tokens, the VM's name, Scheduled Events and their acks) and a
 * Key Vault (secrets). Every wait here is bounded.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import { readFileSync } from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo, createServer } from "net";
import * as path from "path";

export interface Tls {
    readonly certPath: string;
    readonly keyPath: string;
    readonly cert: Buffer;
    readonly key: Buffer;
}

/** A self-signed certificate for 127.0.0.1 that also serves as the clients' CA bundle. */
export function makeTls(dir: string): Tls {
    const certPath = path.join(dir, "cert.pem");
    const keyPath = path.join(dir, "key.pem");
    const result = spawnSync(
        "openssl",
        [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            keyPath,
            "-out",
            certPath,
        ],
        { encoding: "utf8" },
    );
    if (result.status !== 0) {
        throw new Error(`openssl failed: ${result.stderr}`);
    }
    return { certPath, keyPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An unsigned JWT with the claims Azurite's `--oauth basic` checks (issuer, audience, nbf/exp/iat). */
export function fakeJwt(audience: string): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const claims = { aud: audience, iss: "https://sts.windows.net/00000000-0000-0000-0000-000000000000/", iat: now, nbf: now - 60, exp: now + 3600 };
    return `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}.c2ln`;
}

export function audienceOf(authorization: string | undefined): string | undefined {
    const payload = authorization?.replace(/^Bearer /, "").split(".")[1];
    return payload ? JSON.parse(Buffer.from(payload, "base64url").toString()).aud : undefined;
}

export interface HttpAnswer {
    readonly status: number;
    readonly headers: http.IncomingHttpHeaders;
}

/** An HTTPS request to a stand-in, trusting only the test CA. */
export function httpsRequest(url: string, method: string, headers: Record<string, string>, ca: Buffer): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
        const request = https.request(url, { method, headers: { "Content-Length": "0", ...headers }, ca, timeout: 10_000 }, (response) => {
            response.resume();
            response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
        });
        request.on("timeout", () => request.destroy(new Error(`${method} ${url} timed out`)));
        request.on("error", reject);
        request.end();
    });
}

export interface Azurite {
    /** Path-style blob endpoint of the emulator's account, with a trailing slash. */
    readonly blobEndpoint: string;
    stop(): Promise<void>;
}

export async function startAzurite(workDir: string, tls: Tls): Promise<Azurite> {
    const port = await freePort();
    const bin = path.join(__dirname, "..", "..", "node_modules", ".bin", "azurite-blob");
    const child: ChildProcess = spawn(
        bin,
        [
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            String(port),
            "--oauth",
            "basic",
            "--cert",
            tls.certPath,
            "--key",
            tls.keyPath,
            "--inMemoryPersistence",
            "--extentMemoryLimit",
            "64",
            "--silent",
            // Azurite otherwise sends telemetry to Application Insights: this suite talks to 127.0.0.1 only.
            "--disableTelemetry",
        ],
        { stdio: "ignore", cwd: workDir },
    );
    const blobEndpoint = `https://127.0.0.1:${port}/devstoreaccount1/`;
    for (let attempt = 0; attempt < 100; attempt++) {
        // Any HTTP answer (403 without a token) means it is listening.
        const answered = await httpsRequest(`${blobEndpoint}?comp=list`, "GET", {}, tls.cert).then(
            () => true,
            () => false,
        );
        if (answered) {
            return {
                blobEndpoint,
                stop: () =>
                    new Promise<void>((resolve) => {
                        child.once("exit", () => resolve());
                        child.kill("SIGTERM");
                    }),
            };
        }
        await sleep(200);
    }
    child.kill("SIGKILL");
    throw new Error("azurite did not start within 20 s");
}

/** A scheduled event as IMDS lists it (learn.microsoft.com, Scheduled Events API 2020-07-01). */
export interface ScheduledEvent {
    EventId: string;
    EventType: string;
    ResourceType: "VirtualMachine";
    Resources: string[];
    EventStatus: "Scheduled" | "Started";
    NotBefore: string;
}

export interface Imds {
    readonly url: string;
    /** What this stand-in's VM is called (compute/name) and its unique id (compute/vmId). */
    vmName: string;
    vmId: string;
    readonly events: ScheduledEvent[];
    /** Query strings of token requests, to check the client id and resource. */
    readonly tokenRequests: URLSearchParams[];
    /** Called on each acknowledgement before the answer; its result is recorded with the EventId. */
    onAck: (eventId: string) => Promise<string>;
    readonly acks: { eventId: string; note: string }[];
    close(): Promise<void>;
}

export async function startImds(): Promise<Imds> {
    const state = {
        vmName: "vm",
        vmId: "00000000-0000-0000-0000-000000000001",
        events: [] as ScheduledEvent[],
        tokenRequests: [] as URLSearchParams[],
        acks: [] as { eventId: string; note: string }[],
        onAck: async (_eventId: string) => "",
    };
    const server = http.createServer((request, response) => {
        const url = new URL(request.url ?? "/", "http://imds");
        const reply = (status: number, body: string | object) => {
            response.writeHead(status, { "Content-Type": typeof body === "string" ? "text/plain" : "application/json" });
            response.end(typeof body === "string" ? body : JSON.stringify(body));
        };
        if (request.headers.metadata !== "true") {
            return reply(400, { error: "Metadata header required" });
        }
        if (url.pathname === "/metadata/identity/oauth2/token") {
            state.tokenRequests.push(url.searchParams);
            const resource = url.searchParams.get("resource") ?? "";
            const expiresOn = String(Math.floor(Date.now() / 1000) + 3600);
            return reply(200, { access_token: fakeJwt(resource.replace(/\/$/, "")), expires_on: expiresOn, resource, token_type: "Bearer" });
        }
        if (url.pathname === "/metadata/instance/compute/name") {
            return reply(200, state.vmName);
        }
        if (url.pathname === "/metadata/instance/compute/vmId") {
            return reply(200, state.vmId);
        }
        if (url.pathname === "/metadata/scheduledevents" && request.method === "GET") {
            return reply(200, { DocumentIncarnation: state.acks.length + 1, Events: state.events });
        }
        if (url.pathname === "/metadata/scheduledevents" && request.method === "POST") {
            let body = "";
            request.on("data", (chunk) => (body += chunk));
            request.on("end", async () => {
                for (const { EventId } of JSON.parse(body).StartRequests as { EventId: string }[]) {
                    state.acks.push({ eventId: EventId, note: await state.onAck(EventId) });
                    state.events.filter((event) => event.EventId === EventId).forEach((event) => (event.EventStatus = "Started"));
                }
                reply(200, "");
            });
            return;
        }
        reply(404, { error: "not found" });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return Object.assign(state, {
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    });
}

/** The fake secret value of a Key Vault secret: what the builder must end up with, base64-decoded. */
export const fakeSecret = (name: string) => `keytab-bytes-of-${name}\n`;

export interface KeyVault {
    readonly url: string;
    /** A status to answer for a secret instead of its value (403 before a role assignment works), or undefined. */
    refuse: (secretName: string) => number | undefined;
    close(): Promise<void>;
}

/** A Key Vault stand-in over HTTPS: GET /secrets/<name>?api-version=7.4 with a vault-audience token. */
export async function startKeyVault(tls: Tls, secretNames: readonly string[]): Promise<KeyVault> {
    const vault = { refuse: (_secretName: string): number | undefined => undefined };
    const server = https.createServer({ cert: tls.cert, key: tls.key }, (request, response) => {
        const url = new URL(request.url ?? "/", "https://vault");
        const name = url.pathname.replace(/^\/secrets\//, "");
        const status =
            audienceOf(request.headers.authorization) !== "https://vault.azure.net"
                ? 401
                : url.searchParams.get("api-version") !== "7.4"
                  ? 400
                  : (vault.refuse(name) ?? (secretNames.includes(name) ? 200 : 404));
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify(status === 200 ? { value: Buffer.from(fakeSecret(name)).toString("base64"), id: url.href } : { error: { code: status } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return Object.assign(vault, {
        url: `https://127.0.0.1:${port}/`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    });
}
