/** A Fedora-like pool's builder settings for the cloud-init tests; tests override what they exercise. */
import { BuilderCloudInitSettings } from "../../lib/cloud-init";
import { parse } from "yaml";
import { gunzipSync } from "zlib";

export function fedoraBuilderSettings(overrides: Partial<BuilderCloudInitSettings> = {}): BuilderCloudInitSettings {
    return {
        kojiHubUrl: "https://koji.fedoraproject.org/kojihub",
        topUrls: ["https://kojipkgs.fedoraproject.org/", "https://kojipkgs01.fedoraproject.org", "https://kojipkgs02.fedoraproject.org"],
        auth: { kind: "kerberos", realm: "FEDORAPROJECT.ORG", kdcProxyUrl: "https://id.fedoraproject.org/KdcProxy" },
        hostDomain: "az.example.org",
        poolName: "v3pool",
        slotCount: 3,
        vCpus: 8,
        mockDisk: "data-disk",
        storageBlobEndpoint: "https://farmstore.blob.core.windows.net/",
        keyVaultUri: "https://farmvault.vault.azure.net/",
        managedIdentityClientId: "11111111-2222-3333-4444-555555555555",
        ...overrides,
    };
}

export interface CloudConfig {
    readonly packages: string[];
    readonly write_files: { path: string; content: string; permissions: string; encoding?: string }[];
    readonly runcmd: string[][];
    readonly mounts?: unknown[][];
    readonly fs_setup?: Record<string, unknown>[];
}

/** Parses rendered user data; `file(path)` returns one write_files entry's (decoded) content or throws. */
export function parseUserData(userData: string) {
    const config = parse(userData) as CloudConfig;
    const file = (path: string): string => {
        const entry = config.write_files.find((candidate) => candidate.path === path);
        if (!entry) {
            throw new Error(`no write_files entry for ${path}`);
        }
        return entry.encoding === "gz+b64" ? gunzipSync(Buffer.from(entry.content, "base64")).toString("utf8") : entry.content;
    };
    return { config, file };
}
