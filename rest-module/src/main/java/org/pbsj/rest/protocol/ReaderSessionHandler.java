package org.pbsj.rest.protocol;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.pbsj.core.backup.ReaderSession;

/** The endpoints of a reader session ({@code backup-protocol.md} §9.2). */
final class ReaderSessionHandler extends SessionHandler {
    static final int SPEEDTEST_SIZE = 1024 * 1024;
    private final ReaderSession session;

    ReaderSessionHandler(ReaderSession session) {
        this.session = session;
    }

    @Override
    List<Map<String, Object>> subdirs() {
        return subdirs("chunk", "download", "speedtest");
    }

    @Override
    boolean route(String route, ProtocolExchange px) throws IOException {
        switch (route) {
            case "GET /download" -> sendFile(px, session.download(px.string("file-name")));
            case "GET /chunk" -> sendFile(px, session.chunk(ProtocolExchange.digest("digest", px.string("digest"))));
            case "GET /speedtest" -> {
                byte[] a = new byte[SPEEDTEST_SIZE];
                Arrays.fill(a, (byte) 'A');
                px.send(200, "application/octet-stream", a);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
