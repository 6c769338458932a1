import type { Audience } from "./classify.js";
import type { ContractDiff } from "./diff-contracts.js";

/** A version that does not say what changed: what a release review should catch. */
export interface VersionFinding {
  /**
   * `breaking-in-minor`: a breaking change under a minor or patch bump; `unchanged-version`: the
   * wire shape changed (the fingerprints differ) but the version did not.
   */
  readonly kind: "breaking-in-minor" | "unchanged-version";
  readonly message: string;
}

const WHOM: Record<Audience, string> = { "old-clients": "old clients", "old-servers": "old servers" };

/**
 * Checks the two versions against the changes, the way npm reads semver: a change that breaks a
 * counted audience needs a new major version (under 0.x, a new minor; under 0.0.x, any bump), and
 * a changed wire shape needs a new version at all, or clients and servers cannot tell the two
 * contracts apart in the handshake. Versions that are not semver are only checked for equality.
 *
 * @example
 * versionFindings(diffContracts(v1, v1_1), ["old-clients", "old-servers"], { old: contractFingerprint(v1), new: contractFingerprint(v1_1) });
 * // [{ kind: "breaking-in-minor", message: "1.0.0 → 1.1.0 is a minor release, but 1 change breaks old clients: ..." }]
 */
export function versionFindings(
  diff: ContractDiff,
  counted: readonly Audience[],
  fingerprints: { readonly old: string; readonly new: string },
): VersionFinding[] {
  const breaking = diff.changes.filter((change) => change.breaks.some((audience) => counted.includes(audience)));
  const whom = counted
    .filter((audience) => breaking.some((change) => change.breaks.includes(audience)))
    .map((audience) => WHOM[audience]);
  const breaks = `${breaking.length} change${breaking.length === 1 ? " breaks" : "s break"} ${whom.join(" and ")}`;
  const [before, after] = [diff.old.version, diff.new.version];
  if (before === after) {
    if (fingerprints.old === fingerprints.new) return [];
    const why = breaking.length > 0 ? `, and ${breaks}` : "";
    return [
      {
        kind: "unchanged-version",
        message: `the wire shape changed (fingerprint ${fingerprints.old} → ${fingerprints.new}) but the version is still ${after}${why}: clients and servers cannot tell the two contracts apart; bump the version`,
      },
    ];
  }
  if (breaking.length === 0) return [];
  const [was, is] = [semver(before), semver(after)];
  if (was === undefined || is === undefined) return [];
  const needed = requiredBump(was);
  if (compare(is, needed) >= 0) return [];
  return [
    {
      kind: "breaking-in-minor",
      message: `${before} → ${after} is a ${releaseKind(was, is)}, but ${breaks}: a breaking change needs ${neededText(was, needed)}`,
    },
  ];
}

type Semver = readonly [number, number, number];

function semver(version: string): Semver | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The lowest version that may carry a breaking change after `from`. */
function requiredBump([major, minor, patch]: Semver): Semver {
  if (major > 0) return [major + 1, 0, 0];
  if (minor > 0) return [0, minor + 1, 0];
  return [0, 0, patch + 1];
}

function compare(a: Semver, b: Semver): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function releaseKind(was: Semver, is: Semver): string {
  if (compare(is, was) < 0) return "lower version";
  if (is[0] !== was[0]) return "major release";
  return is[1] !== was[1] ? "minor release" : "patch release";
}

function neededText(was: Semver, needed: Semver): string {
  const text = needed.join(".");
  if (was[0] > 0) return `a major version (${text})`;
  return was[1] > 0 ? `a new minor version under 0.x (${text})` : `a new version under 0.0.x (${text})`;
}
