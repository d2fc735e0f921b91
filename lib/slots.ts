/**
 * Builder slots: the fixed, stable identities a pool's VMs claim at boot.
 *
 * Koji knows a builder by its host name and Fedora issues one keytab per host principal, while scale set VMs
 * come and go with random names. So each pool has exactly `maxCount` slots, named `<pool>-NN`; a VM claims one
 * with a blob lease on `slots/<slot>` in the artifact store and reads the slot's secret `koji-<slot>` from
 * Key Vault. These names are used by the store (which creates the blobs), the pool (outputs, cloud-init) and
 * the operator's `koji add-host` commands, so they are computed in one place.
 */

export interface BuilderSlot {
    /** `<pool>-NN`: the blob name in the slots container and the first label of the host name. */
    readonly id: string;
    /** `<pool>-NN.<hostDomain>`: the Koji host name and the Kerberos host principal's instance. */
    readonly hostName: string;
    /** `koji-<pool>-NN`: the Key Vault secret holding the slot's keytab (or client certificate). */
    readonly secretName: string;
}

/** Numbers are zero-padded to at least two digits, and to the width of the largest number. */
export function builderSlots(poolName: string, count: number, hostDomain: string): BuilderSlot[] {
    if (!Number.isInteger(count) || count < 1) {
        throw new Error(`a pool needs at least one slot, got ${count}`);
    }
    const width = Math.max(2, String(count).length);
    return Array.from({ length: count }, (_, index) => {
        const id = `${poolName}-${String(index + 1).padStart(width, "0")}`;
        return { id, hostName: `${id}.${hostDomain}`, secretName: `koji-${id}` };
    });
}
