/** The pieces every VM's `#cloud-config` is made of here: `write_files` entries and systemd unit text. */
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
