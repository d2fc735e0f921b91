/** The pieces every VM's `#cloud-config` is made of here: `write_files` entries and systemd unit text. */
import { stringify } from "yaml";
import { renderIni, IniSections } from "./ini";

/**
 * A `write_files` entry; `gz+b64` content is gzipped and base64-encoded (cloud-init decodes it). `defer`
 * writes it in the final stage, after the packages are installed and before `runcmd` (cloud-init docs,
 * write_files): a file a package also ships must not race the package's copy.
 */
export interface WriteFile {
    readonly path: string;
    readonly content: string;
    readonly permissions: string;
    readonly encoding?: "gz+b64";
    readonly defer?: true;
}

export const file = (filePath: string, content: string, permissions = "0644"): WriteFile => ({ path: filePath, content, permissions });

/** Systemd unit text from sections (systemd's `Key=Value`, no spaces). */
export const unit = (sections: IniSections): string => renderIni(sections, { separator: "=" });

/** The units systemd must never leave failed for good: restart forever, whatever the rate (systemd.unit(5)). */
export const RESTART_FOREVER = { StartLimitIntervalSec: 0 };

/**
 * cloud-init reads user data with PyYAML, which speaks YAML 1.1: there `on`, `yes` and `off` are booleans. The
 * text is written in YAML 1.1 too, so such a string is quoted and reaches cloud-init as the string it was.
 */
export const renderCloudConfig = (cloudConfig: Record<string, unknown>): string => `#cloud-config\n${stringify(cloudConfig, { version: "1.1", lineWidth: 0 })}`;
