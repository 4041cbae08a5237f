package org.pbsj.rest.protocol;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.xnio.OptionMap;
import org.xnio.StreamConnection;

import io.undertow.UndertowOptions;
import io.undertow.protocols.http2.Http2Channel;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http2.Http2ReceiveListener;

/**
 * Runs Undertow's own HTTP/2 server connection on a connection that was just upgraded with a
 * {@code 101}: prior knowledge (the client sends the preface), no upgrade stream, the flow-control
 * windows PBS uses ({@code backup-protocol.md} §1.2).
 */
final class Http2Session {
    static final int WINDOW = 32 * 1024 * 1024;
    static final int MAX_FRAME = 4 * 1024 * 1024;
    static final long MAX_ENTITY = 64L * 1024 * 1024;
    private static final int DEFAULT_CONNECTION_WINDOW = 65535;
    private static final Logger LOG = Logger.getLogger(Http2Session.class.getName());

    private Http2Session() {
    }

    /**
     * Serves {@code handler} on the upgraded connection; {@code onClose} runs once when the
     * connection ends for any reason (finish and close, client gone, TLS error, GOAWAY).
     */
    static Http2Channel serve(StreamConnection connection, HttpServerExchange upgrade, String protocol,
            HttpHandler handler, Runnable onClose) {
        OptionMap options = OptionMap.builder()
                .addAll(upgrade.getConnection().getUndertowOptions())
                .set(UndertowOptions.HTTP2_SETTINGS_INITIAL_WINDOW_SIZE, WINDOW)
                .set(UndertowOptions.HTTP2_SETTINGS_MAX_FRAME_SIZE, MAX_FRAME)
                .set(UndertowOptions.HTTP2_SETTINGS_ENABLE_PUSH, false)
                .set(UndertowOptions.MAX_ENTITY_SIZE, MAX_ENTITY)
                .getMap();
        Http2Channel channel = new Http2Channel(connection, protocol, upgrade.getConnection().getByteBufferPool(),
                null, false, false, true, null, options);
        channel.addCloseTask(ch -> onClose.run());
        java.util.concurrent.atomic.AtomicBoolean windowOpened = new java.util.concurrent.atomic.AtomicBoolean();
        HttpHandler first = exchange -> {
            // SETTINGS only sets stream windows; the connection window starts at 64 KiB for the
            // peer while Undertow already counts 32 MiB. Align them once our SETTINGS frame is
            // out (it must be the first frame we send): by the first request it is.
            if (windowOpened.compareAndSet(false, true)) {
                try {
                    channel.sendUpdateWindowSize(0, WINDOW - DEFAULT_CONNECTION_WINDOW);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "cannot enlarge the connection window", e);
                }
            }
            handler.handleRequest(exchange);
        };
        Http2ReceiveListener receiver = new Http2ReceiveListener(first, options,
                upgrade.getConnection().getBufferSize(), null);
        channel.getReceiveSetter().set(receiver);
        channel.resumeReceives();
        return channel;
    }
}
