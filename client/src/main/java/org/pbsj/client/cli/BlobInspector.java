package org.pbsj.client.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pbsj.core.blob.BlobMagic;
import org.pbsj.core.blob.ChunkDigest;
import org.pbsj.core.blob.DataBlob;
import org.pbsj.core.blob.DataBlobCodec;
import org.pbsj.core.crypto.CryptConfig;
import org.pbsj.core.error.CorruptDataException;
import org.pbsj.core.error.PbsFormatException;

/**
 * Looks at one DataBlob (chunk or {@code *.blob}) the way a repair engineer wants to: every check
 * is run and reported even when an earlier one failed, so a bad CRC does not hide whether the
 * content is still intact. Only a header that cannot be a blob at all is an exception.
 */
final class BlobInspector {

    /**
     * @param info     the report (JSON-ready, insertion ordered)
     * @param decoded  the plain content, or null if it could not be decoded
     * @param problems what failed, empty if everything checked out
     */
    record Result(Map<String, Object> info, byte[] decoded, List<String> problems) {
    }

    private BlobInspector() {
    }

    /**
     * @param expectedDigest the digest the blob should have (a chunk's file name), or null
     * @throws CorruptDataException if {@code raw} is too short or has no blob magic
     */
    static Result inspect(byte[] raw, String source, CryptConfig key, byte[] expectedDigest) {
        if (raw.length >= BlobMagic.SIZE && !BlobMagic.isDataBlob(BlobMagic.read(raw, 0))) {
            throw new CorruptDataException(source, 0, "not a data blob: " + BlobMagic.name(BlobMagic.read(raw, 0)));
        }
        DataBlob blob = DataBlobCodec.loadWithoutCrc(raw, source);
        List<String> problems = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", source);
        info.put("magic", BlobMagic.name(blob.magic()));
        info.put("crypt-mode", blob.cryptMode().jsonName());
        info.put("compressed", blob.isCompressed());
        info.put("encoded-size", blob.size());
        int computedCrc = DataBlobCodec.crc(raw, blob.headerSize(), blob.payloadSize());
        boolean crcOk = computedCrc == blob.storedCrc();
        info.put("crc", String.format("%08x", blob.storedCrc()));
        info.put("crc-ok", crcOk);
        if (!crcOk) {
            problems.add(String.format("wrong CRC checksum (stored %08x, computed %08x)", blob.storedCrc(), computedCrc));
        }
        byte[] data = null;
        if (blob.isEncrypted() && key == null) {
            info.put("decoded-size", null);
            info.put("digest-check", "no key to check");
        } else {
            try {
                data = DataBlobCodec.decode(blob, key, null);
            } catch (PbsFormatException e) {
                problems.add("cannot decode: " + e.getMessage());
                info.put("decode-error", e.getMessage());
            }
        }
        if (data != null) {
            info.put("decoded-size", data.length);
            boolean keyed = blob.isEncrypted();
            byte[] digest = ChunkDigest.of(data, keyed ? key : null);
            info.put("digest-kind", keyed ? "keyed" : "plain");
            info.put("digest", DebugMain.hex(digest));
            if (expectedDigest == null) {
                info.put("digest-check", "no expected digest");
            } else if (ChunkDigest.matches(expectedDigest, digest)) {
                info.put("digest-check", "ok");
            } else {
                info.put("digest-check", "mismatch");
                problems.add("detected chunk with wrong digest (expected " + DebugMain.hex(expectedDigest)
                        + ", got " + DebugMain.hex(digest) + ")");
            }
        }
        if (expectedDigest != null) {
            info.put("expected-digest", DebugMain.hex(expectedDigest));
        }
        return new Result(info, data, problems);
    }
}
