/**
 * Builder slots: the fixed, stable identities a pool's VMs claim at boot.
 *
 * Koji knows a builder by its host name and Fedora issues one keytab per host principal, while scale set VMs
 * come and go with random names. So each pool has exactly `maxCount` slots, named `<pool>-NNN`; a VM claims one
 * with a blob lease on `slots/<slot>` in the artifact store and reads the slot's secret `koji-<slot>` from
 * Key Vault. These names are used by the store (which creates the blobs), the pool (outputs, cloud-init) and
 * the operator's `koji add-host` commands, so they are computed in one place.
 */
import { InputPropertyError } from "./input-property-error";

export interface BuilderSlot {
    /** `<pool>-NNN`: the blob name in the slots container and the first label of the host name. */
    readonly id: string;
    /** `<pool>-NNN.<hostDomain>`: the Koji host name and the Kerberos host principal's instance. */
    readonly hostName: string;
    /** `koji-<pool>-NNN`: the Key Vault secret holding the slot's keytab (or client certificate). */
    readonly secretName: string;
}

/**
 * Slot numbers always have three digits, whatever the pool's size: growing a pool only adds slots, and the names
 * of the existing ones (Koji hosts, keytab principals, Key Vault secrets) never change.
 */
export const SLOT_NUMBER_WIDTH = 3;
/** The most slots three digits number, from 001. */
export const MAX_SLOTS = 10 ** SLOT_NUMBER_WIDTH - 1;

export function builderSlots(poolName: string, count: number, hostDomain: string): BuilderSlot[] {
    if (!Number.isInteger(count) || count < 1 || count > MAX_SLOTS) {
        throw new InputPropertyError("maxCount", `a pool has 1 to ${MAX_SLOTS} slots (three-digit numbers), got ${count}`);
    }
    return Array.from({ length: count }, (_, index) => {
        const id = `${poolName}-${String(index + 1).padStart(SLOT_NUMBER_WIDTH, "0")}`;
        return { id, hostName: `${id}.${hostDomain}`, secretName: `koji-${id}` };
    });
}
