/**
 * The package cache VM's `#cloud-config`: Fedora Cloud with Fedora's nginx package running the cache's
 * configuration (./nginx.ts) from a Premium SSD data disk. Pure: the same settings always give the same text.
 * The cache holds no secret and needs no identity; the egress guard closes IMDS and the WireServer to all but
 * the platform's own services, as on the builders.
 */
import { EGRESS_GUARD_FIRST_BOOT, EGRESS_GUARD_UNIT, egressGuardFiles } from "../cloud-init/egress";
import { file, renderCloudConfig, RESTART_FOREVER, unit, WriteFile } from "../cloud-init/files";
import { PackageCacheNginxSettings, renderPackageCacheNginxConf } from "./nginx";

/** nginx's settings but its paths (the VM's are fixed here), and the LUN of the data disk its cache lives on. */
export interface PackageCacheCloudInitSettings extends Pick<PackageCacheNginxSettings, "origins" | "listenPort" | "maxSizeGb" | "validity"> {
    /** The data disk's LUN (found through azure-vm-utils' `/dev/disk/azure/data/by-lun/<lun>` link). */
    readonly dataDiskLun: number;
}

/** Where the data disk is mounted and nginx keeps its cache. */
export const CACHE_DIR = "/var/cache/koji-packages";
const NGINX_CONF = "/etc/nginx/nginx.conf";

export function renderPackageCacheCloudInit(settings: PackageCacheCloudInitSettings): string {
    const { dataDiskLun, ...nginx } = settings;
    const nginxConf = renderPackageCacheNginxConf({ ...nginx, cacheDir: CACHE_DIR });
    // azure-vm-utils' stable link for the LUN (Azure/azure-vm-utils doc/disk-identification.md); never reformatted.
    const device = `/dev/disk/azure/data/by-lun/${dataDiskLun}`;
    const files: WriteFile[] = [
        // The nginx package ships its own nginx.conf: written after the package (deferred), replacing it.
        { ...file(NGINX_CONF, nginxConf), defer: true },
        file(
            "/etc/systemd/system/nginx.service.d/50-koji-package-cache.conf",
            unit({
                Unit: {
                    // Never serve (or fill) a cache on the OS disk: without the data disk, nginx does not start.
                    RequiresMountsFor: CACHE_DIR,
                    After: EGRESS_GUARD_UNIT,
                    Requires: EGRESS_GUARD_UNIT,
                    ...RESTART_FOREVER,
                },
                Service: {
                    // The mount point is root's; nginx's workers write the cache.
                    ExecStartPre: `/usr/bin/install -d -o nginx -g nginx -m 0750 ${CACHE_DIR}`,
                    // Fedora's unit does not restart nginx; a cache VM that lost nginx would only fail its probe.
                    Restart: "always",
                    RestartSec: "5s",
                    LimitNOFILE: "65536",
                },
            }),
        ),
        ...egressGuardFiles(),
    ];
    const runcmd: ReadonlyArray<readonly string[]> = [
        // SELinux stays enforcing here (the builders run permissive, as Fedora's). nginx (httpd_t) may write a cache
        // labelled httpd_cache_t and connect to the origins' HTTP ports only with httpd_can_network_relay
        // (Fedora's selinux-policy, apache module).
        ["semanage", "fcontext", "--add", "--type", "httpd_cache_t", `${CACHE_DIR}(/.*)?`],
        ["restorecon", "-R", CACHE_DIR],
        ["setsebool", "-P", "httpd_can_network_relay", "on"],
        ...EGRESS_GUARD_FIRST_BOOT,
        ["systemctl", "enable", "--now", "nginx.service"],
    ];
    const cloudConfig = {
        packages: ["nginx", "nftables", "policycoreutils-python-utils"],
        fs_setup: [{ label: "koji-cache", filesystem: "xfs", device, partition: "none", overwrite: false }],
        mounts: [[device, CACHE_DIR, "xfs", "defaults,nofail", "0", "2"]],
        write_files: files,
        runcmd,
    };
    return renderCloudConfig(cloudConfig);
}
