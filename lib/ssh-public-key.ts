/**
 * Whether a text is an OpenSSH public key that Azure's Linux VMs accept: one `ssh-ed25519` key, or `ssh-rsa` of
 * 2048 bits or more (learn.microsoft.com/azure/virtual-machines/linux/mac-create-ssh-keys), checked in the key's
 * own wire format so that a truncated or mislabelled paste is caught here rather than by Azure at `pulumi up`.
 */

/** Key types Azure Linux VMs accept; ECDSA is OpenSSH but Azure refuses it. */
export const SSH_KEY_TYPES = ["ssh-ed25519", "ssh-rsa"];
export const MIN_RSA_BITS = 2048;

/** Reads the SSH wire format's length-prefixed strings (RFC 4251 section 5). */
export function sshStrings(blob: Buffer): Buffer[] | null {
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset < blob.length) {
        if (offset + 4 > blob.length) return null;
        const length = blob.readUInt32BE(offset);
        if (offset + 4 + length > blob.length) return null;
        parts.push(blob.subarray(offset + 4, offset + 4 + length));
        offset += 4 + length;
    }
    return parts;
}

/** Why `text` is not a public key Azure accepts, or null. */
export function sshPublicKeyProblem(text: string): string | null {
    const [type, base64] = text.trim().split(/\s+/);
    const expected = `an OpenSSH public key line such as "ssh-ed25519 AAAAC3Nz... you@host" (the .pub file)`;
    if (text.includes("PRIVATE KEY")) return `this is a private key; give the contents of the .pub file instead`;
    if (text.trim().includes("\n")) return `give one key on one line: ${expected}`;
    if (base64 === undefined) return `expected ${expected}`;
    if (type.startsWith("ecdsa-sha2-") || type.startsWith("sk-")) {
        return `Azure Linux VMs accept ssh-ed25519 and ssh-rsa keys only, not ${type}; make one with ssh-keygen -t ed25519`;
    }
    if (!SSH_KEY_TYPES.includes(type)) return `unknown key type "${type}"; expected ${expected}`;
    const blob = Buffer.from(base64, "base64");
    const parts = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? sshStrings(blob) : null;
    if (parts === null || parts.length === 0) return `the key data after "${type}" is not valid base64 key data`;
    const embedded = parts[0].toString("latin1");
    if (embedded !== type) return `the key data is a ${embedded} key but the line says ${type}; copy the .pub file unchanged`;
    if (type === "ssh-ed25519" && (parts.length !== 2 || parts[1].length !== 32)) {
        return `the ssh-ed25519 key data is truncated or corrupt; copy the .pub file unchanged`;
    }
    if (type === "ssh-rsa") {
        if (parts.length !== 3) return `the ssh-rsa key data is truncated or corrupt; copy the .pub file unchanged`;
        // The third string is the modulus, a big-endian mpint.
        const bits = BigInt(`0x${parts[2].toString("hex") || "0"}`).toString(2).length;
        if (bits < MIN_RSA_BITS) return `a ${bits}-bit RSA key is too short for Azure (${MIN_RSA_BITS} or more); use ssh-keygen -t ed25519`;
    }
    return null;
}
