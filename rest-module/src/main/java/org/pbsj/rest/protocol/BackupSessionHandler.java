package org.pbsj.rest.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pbsj.core.backup.BackupSession;
import org.pbsj.core.blob.DataBlobCodec;

/** The endpoints of a backup session ({@code backup-protocol.md} §5), over {@link BackupSession}. */
final class BackupSessionHandler extends SessionHandler {
    private static final int MAX_WID = 256;
    private final BackupSession session;

    BackupSessionHandler(BackupSession session) {
        this.session = session;
    }

    @Override
    List<Map<String, Object>> subdirs() {
        return subdirs("blob", "dynamic_chunk", "dynamic_close", "dynamic_index", "finish", "fixed_chunk",
                "fixed_close", "fixed_index", "previous", "previous_backup_time", "speedtest");
    }

    @Override
    boolean route(String route, ProtocolExchange px) throws IOException {
        switch (route) {
            case "POST /blob" -> {
                long size = px.integer("encoded-size", DataBlobCodec.MIN_BLOB_ENCODED_SIZE, DataBlobCodec.MAX_BLOB_UPLOAD_SIZE);
                session.uploadBlob(px.string("file-name"), size, px.body(size));
                px.json(null);
            }
            case "POST /dynamic_index" -> {
                px.readParameterBody();
                px.json(session.createDynamicIndex(px.string("archive-name")));
            }
            case "POST /fixed_index" -> {
                px.readParameterBody();
                px.json(session.createFixedIndex(px.string("archive-name"), px.integer("size", 1, Long.MAX_VALUE),
                        px.optional("reuse-csum")));
            }
            case "POST /dynamic_chunk" -> uploadChunk(px, false);
            case "POST /fixed_chunk" -> uploadChunk(px, true);
            case "PUT /dynamic_index" -> append(px, false);
            case "PUT /fixed_index" -> append(px, true);
            case "POST /dynamic_close" -> close(px, false);
            case "POST /fixed_close" -> close(px, true);
            case "POST /finish" -> {
                px.readParameterBody();
                session.finish();
                px.json(null);
            }
            case "GET /previous_backup_time" -> px.json(session.previousBackupTime().orElse(null));
            case "GET /previous" -> sendFile(px, session.previousFile(px.string("archive-name")));
            case "POST /speedtest" -> {
                px.body(DataBlobCodec.MAX_BLOB_UPLOAD_SIZE);
                px.json(null);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void uploadChunk(ProtocolExchange px, boolean fixed) throws IOException {
        int wid = (int) px.integer("wid", 1, MAX_WID);
        byte[] digest = ProtocolExchange.digest("digest", px.string("digest"));
        long size = px.integer("size", 1, DataBlobCodec.MAX_CHUNK_SIZE);
        long encodedSize = px.integer("encoded-size", DataBlobCodec.MIN_CHUNK_ENCODED_SIZE, DataBlobCodec.MAX_CHUNK_ENCODED_SIZE);
        byte[] body = px.body(encodedSize);
        px.json(session.uploadChunk(fixed, wid, digest, size, encodedSize, body));
    }

    private void append(ProtocolExchange px, boolean fixed) throws IOException {
        px.readParameterBody();
        int wid = (int) px.integer("wid", 1, MAX_WID);
        List<String> digestList = px.list("digest-list");
        List<String> offsetList = px.list("offset-list");
        List<byte[]> digests = new ArrayList<>(digestList.size());
        for (String d : digestList) {
            digests.add(ProtocolExchange.digest("digest-list", d));
        }
        List<Long> offsets = new ArrayList<>(offsetList.size());
        for (String o : offsetList) {
            try {
                long v = Long.parseLong(o);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                offsets.add(v);
            } catch (NumberFormatException e) {
                throw new org.pbsj.core.backup.BackupProtocolException("parameter verification errors\n\noffset-list: bad offset '" + o + "'");
            }
        }
        session.append(fixed, wid, digests, offsets);
        px.json(null);
    }

    private void close(ProtocolExchange px, boolean fixed) throws IOException {
        px.readParameterBody();
        int wid = (int) px.integer("wid", 1, MAX_WID);
        long count = px.integer("chunk-count", fixed ? 0 : 1, Long.MAX_VALUE);
        long size = px.integer("size", fixed ? 0 : 1, Long.MAX_VALUE);
        byte[] csum = ProtocolExchange.digest("csum", px.string("csum"));
        session.closeIndex(fixed, wid, count, size, csum);
        px.json(null);
    }
}
