import { createHash } from "node:crypto";

/**
 * A name-based (version 5, SHA-1) UUID, the same scheme as Bicep's `guid()` and ARM's role assignment naming
 * advice: the same parts always give the same UUID, so a role assignment keeps its name across deployments
 * and stacks, and a second assignment of the same role to the same principal on the same scope collides
 * visibly instead of piling up.
 */
export function nameBasedUuid(...parts: readonly string[]): string {
    if (parts.length === 0 || parts.some((part) => part.length === 0)) {
        throw new Error("nameBasedUuid needs at least one part, and no part may be empty");
    }
    // The namespace is this project's: a fixed random UUID, so our names cannot collide with another tool's.
    const hash = createHash("sha1")
        .update(Buffer.from(PROJECT_NAMESPACE.replace(/-/g, ""), "hex"))
        .update(parts.join("\n"))
        .digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const PROJECT_NAMESPACE = "5b0e5a4e-3c1f-4d8e-9a57-6f1d0c2b8e93";
