package org.pbsj.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * One protocol session connection: TLS, an HTTP/1.1 {@code GET} with {@code Upgrade:}, the
 * {@code 101}, then prior-knowledge HTTP/2 on the same connection ({@code backup-protocol.md} §1–2),
 * with the reference client's large flow-control windows. Requests may be issued from any
 * thread and run concurrently as separate streams.
 */
public final class H2Connection implements AutoCloseable {
    public static final int MAX_FRAME = 4 * 1024 * 1024;
    public static final int WINDOW = Integer.MAX_VALUE - 1;
    public static final int MAX_RESPONSE = 64 * 1024 * 1024;
    private static final long CONNECT_TIMEOUT_S = 10;
    private static final long REQUEST_TIMEOUT_S = 600;
    private static final String USER_AGENT = "pbsj-protocol/1.0";

    private final EventLoopGroup group;
    private final Channel channel;
    private final String authority;

    /** A response: status and body bytes. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private H2Connection(EventLoopGroup group, Channel channel, String authority) {
        this.group = group;
        this.channel = channel;
        this.authority = authority;
    }

    /**
     * Connects and upgrades. {@code target} is the path with query of the upgrade request,
     * {@code headers} its authentication headers.
     */
    public static H2Connection open(String host, int port, TrustManager trust, String target, String protocol,
            Map<String, String> headers) {
        EventLoopGroup group = new NioEventLoopGroup(1);
        try {
            SslContext ssl = SslContextBuilder.forClient().trustManager(trust).build();
            CompletableFuture<FullHttpResponse> upgraded = new CompletableFuture<>();
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_S))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("ssl", ssl.newHandler(ch.alloc(), host, port));
                            ch.pipeline().addLast("http1", new HttpClientCodec());
                            ch.pipeline().addLast("aggregate", new HttpObjectAggregator(64 * 1024));
                            ch.pipeline().addLast("upgrade", new SimpleChannelInboundHandler<FullHttpResponse>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                    upgraded.complete(r.retainedDuplicate());
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    upgraded.completeExceptionally(cause);
                                    ctx.close();
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    upgraded.completeExceptionally(new IOException("connection closed during upgrade"));
                                }
                            });
                        }
                    });
            Channel ch = b.connect(host, port).syncUninterruptibly().channel();
            String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target);
            req.headers().set(HttpHeaderNames.HOST, authority);
            req.headers().set(HttpHeaderNames.CONNECTION, "upgrade");
            req.headers().set(HttpHeaderNames.UPGRADE, protocol);
            req.headers().set(HttpHeaderNames.USER_AGENT, USER_AGENT);
            headers.forEach((name, value) -> req.headers().set(name, value));
            ch.writeAndFlush(req);
            FullHttpResponse r = await(upgraded, CONNECT_TIMEOUT_S + 60);
            try {
                if (r.status().code() != 101) {
                    ch.close();
                    throw new ProtocolException(r.status().code(), r.content().toString(StandardCharsets.UTF_8));
                }
            } finally {
                r.release();
            }
            switchToHttp2(ch);
            return new H2Connection(group, ch, authority);
        } catch (SSLException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static void switchToHttp2(Channel ch) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().initialWindowSize(WINDOW).maxFrameSize(MAX_FRAME).pushEnabled(false))
                .autoAckSettingsFrame(true)
                .build();
        ch.eventLoop().submit(() -> {
            ch.pipeline().remove("upgrade");
            ch.pipeline().remove("aggregate");
            ch.pipeline().remove("http1");
            ch.pipeline().addLast(codec);
            ch.pipeline().addLast(new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
                    // the server never pushes
                }
            }));
            try {
                // the connection window is not part of SETTINGS: grow it explicitly
                codec.connection().local().flowController().incrementWindowSize(
                        codec.connection().connectionStream(), WINDOW - 65535);
            } catch (io.netty.handler.codec.http2.Http2Exception e) {
                throw new IllegalStateException(e);
            }
            ch.flush();
        }).syncUninterruptibly();
    }

    /** Sends a request on a new stream; completes with the whole response. */
    public CompletableFuture<Response> send(String method, String pathAndQuery, String contentType, byte[] body) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Http2StreamChannelBootstrap sb = new Http2StreamChannelBootstrap(channel).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel sc) {
                sc.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false));
                sc.pipeline().addLast(new HttpObjectAggregator(MAX_RESPONSE));
                sc.pipeline().addLast(new SimpleChannelInboundHandler<FullHttpResponse>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                        byte[] bytes = new byte[r.content().readableBytes()];
                        r.content().readBytes(bytes);
                        result.complete(new Response(r.status().code(), bytes));
                        ctx.close();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        result.completeExceptionally(cause);
                        ctx.close();
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        result.completeExceptionally(new IOException("stream closed without a response"));
                    }
                });
            }
        });
        sb.open().addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            Http2StreamChannel sc = (Http2StreamChannel) f.getNow();
            ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), pathAndQuery, content);
            req.headers().set(HttpHeaderNames.HOST, authority);
            req.headers().set("x-http2-scheme", "https");
            if (contentType != null) {
                req.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
            }
            req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            sc.writeAndFlush(req).addListener(w -> {
                if (!w.isSuccess()) {
                    result.completeExceptionally(w.cause());
                }
            });
        });
        return result;
    }

    /** Sends and waits; non-2xx answers become {@link ProtocolException}. */
    public Response call(String method, String pathAndQuery, String contentType, byte[] body) {
        Response r = await(send(method, pathAndQuery, contentType, body), REQUEST_TIMEOUT_S);
        if (r.status() / 100 != 2) {
            throw new ProtocolException(r.status(), r.text());
        }
        return r;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    static <T> T await(CompletableFuture<T> f, long seconds) {
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(0, "interrupted");
        } catch (TimeoutException e) {
            throw new ProtocolException(0, "no answer from the server within " + seconds + " s");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new ProtocolException(0, "connection error: " + c);
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
