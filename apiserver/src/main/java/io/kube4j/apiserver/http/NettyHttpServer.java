package io.kube4j.apiserver.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network edge: Netty accepts TLS connections, decodes HTTP/1.1, and hands every complete request
 * to a {@link HttpHandler} on its own virtual thread. Everything behind it is plain blocking code.
 */
public final class NettyHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NettyHttpServer.class);

  /** Upstream's limit for request bodies. */
  public static final int MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
  private final Channel channel;

  /**
   * Binds and starts serving.
   *
   * @param address where to listen
   * @param ssl the TLS context (client certificates optional), or null for plain HTTP (tests only)
   * @param handler the request handler
   * @param userOf extracts the identity from headers and the verified client certificates; the handler authorizes
   * @throws java.net.BindException if the address is in use
   */
  public NettyHttpServer(SocketAddress address, SslContext ssl, HttpHandler handler,
      BiFunction<Map<String, String>, List<X509Certificate>, io.kube4j.apiserver.auth.User> userOf) throws InterruptedException, java.net.BindException {
    boss = new NioEventLoopGroup(1, new DefaultThreadFactory("kube4j-accept", true));
    workers = new NioEventLoopGroup(0, new DefaultThreadFactory("kube4j-io", true));
    var bootstrap = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            var p = ch.pipeline();
            if (ssl != null) {
              p.addLast("tls", ssl.newHandler(ch.alloc()));
            }
            p.addLast("http", new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
            p.addLast("aggregate", new BodyLimit());
            p.addLast("dispatch", new Dispatch(handler, userOf));
          }
        });
    try {
      channel = bootstrap.bind(address).sync().channel();
    } catch (Exception e) {
      close();
      if (e instanceof java.net.BindException be) {
        throw be;
      }
      throw e;
    }
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    requests.shutdownNow();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Aggregates bodies up to upstream's limit and answers larger ones with a 413 Status. */
  private static final class BodyLimit extends HttpObjectAggregator {
    BodyLimit() {
      super(MAX_REQUEST_BODY_BYTES);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      var body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"Request entity too large: limit is " + MAX_REQUEST_BODY_BYTES + "\",\"reason\":\"RequestEntityTooLarge\",\"code\":413}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      // Closing at once would reset the connection while the client is still sending the body, and it
      // would never read the 413; the aggregator drops the rest of the body, so close a moment later.
      ctx.writeAndFlush(response).addListener(f -> ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS));
    }
  }

  private final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final HttpHandler handler;
    private final BiFunction<Map<String, String>, List<X509Certificate>, io.kube4j.apiserver.auth.User> userOf;

    Dispatch(HttpHandler handler, BiFunction<Map<String, String>, List<X509Certificate>, io.kube4j.apiserver.auth.User> userOf) {
      this.handler = handler;
      this.userOf = userOf;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
      var decoder = new QueryStringDecoder(msg.uri());
      var headers = new HashMap<String, String>();
      for (var h : msg.headers()) {
        headers.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + "," + b);
      }
      var body = new byte[msg.content().readableBytes()];
      msg.content().getBytes(msg.content().readerIndex(), body);
      var keepAlive = HttpUtil.isKeepAlive(msg);
      FullHttpRequest upgrade = "websocket".equalsIgnoreCase(msg.headers().get(HttpHeaderNames.UPGRADE))
          ? new DefaultFullHttpRequest(msg.protocolVersion(), msg.method(), msg.uri(), Unpooled.EMPTY_BUFFER, msg.headers().copy(),
              msg.trailingHeaders().copy())
          : null;
      var certs = clientCertificates(ctx);
      var remote = String.valueOf(ctx.channel().remoteAddress());
      var method = msg.method().name();
      var path = decoder.path();
      Map<String, List<String>> query = decoder.parameters();
      Runnable serve = () -> {
        var sink = new NettySink(ctx.channel(), keepAlive, upgrade);
        try {
          var user = userOf.apply(headers, certs);
          handler.handle(new ApiRequest(method, path, query, headers, body, user, remote), sink);
        } catch (Throwable t) {
          log.error("unhandled error serving {} {}", method, path, t);
          if (!sink.started) {
            var msgBody = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"Internal error occurred: "
                + String.valueOf(t.getMessage()).replace("\\", "\\\\").replace("\"", "'") + "\",\"reason\":\"InternalError\",\"code\":500}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sink.send(500, "application/json", msgBody, Map.of());
          } else {
            ctx.channel().close();
          }
        }
      };
      try {
        requests.execute(serve);
      } catch (RejectedExecutionException stopping) {
        ctx.close(); // the server is stopping: a request read after it stopped taking work gets no answer
      }
    }

    private List<X509Certificate> clientCertificates(ChannelHandlerContext ctx) {
      var tls = ctx.pipeline().get(SslHandler.class);
      if (tls == null) {
        return List.of();
      }
      try {
        var out = new ArrayList<X509Certificate>();
        for (Certificate c : tls.engine().getSession().getPeerCertificates()) {
          if (c instanceof X509Certificate x) {
            out.add(x);
          }
        }
        return out;
      } catch (SSLPeerUnverifiedException e) {
        return List.of(); // no client certificate: other credentials or anonymous
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      synchronized (ctx.channel()) {
        ctx.channel().notifyAll();
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!(cause instanceof java.io.IOException) && !(cause instanceof io.netty.handler.codec.DecoderException)) {
        log.warn("connection error from {}", ctx.channel().remoteAddress(), cause);
      }
      ctx.close();
    }
  }

  /** Answers WebSocket pings and closes, the only frames a watching client sends. */
  private static final class WebSocketControl extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      switch (frame) {
        case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        case CloseWebSocketFrame close -> ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
        default -> { } // data from the client has no meaning on a watch
      }
    }
  }

  /** Writes a handler's answer to a channel from any thread. */
  private static final class NettySink implements ResponseSink {
    private final Channel channel;
    private final boolean keepAlive;
    private final FullHttpRequest upgrade;
    volatile boolean started;

    /** @param upgrade the request if it asked for a WebSocket upgrade (streams are then sent as WebSocket messages), else null */
    NettySink(Channel channel, boolean keepAlive, FullHttpRequest upgrade) {
      this.channel = channel;
      this.keepAlive = keepAlive;
      this.upgrade = upgrade;
    }

    /**
     * Upgrades the connection and streams each chunk as one text message, as upstream serves watches to
     * WebSocket clients (the fabric8 client watches this way).
     */
    private Stream webSocket() throws InterruptedException {
      var location = "wss://" + upgrade.headers().get(HttpHeaderNames.HOST) + upgrade.uri();
      var handshaker = new WebSocketServerHandshakerFactory(location, "binary.k8s.io,base64.binary.k8s.io", false, 64 * 1024).newHandshaker(upgrade);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
        return closedStream();
      }
      handshaker.handshake(channel, upgrade).sync();
      channel.pipeline().addBefore("dispatch", "websocket-control", new WebSocketControl());
      return new ChannelStream(channel) {
        @Override
        Object frame(byte[] chunk) {
          // One watch event per text message, without the line break that separates events on a plain stream.
          int length = chunk.length > 0 && chunk[chunk.length - 1] == '\n' ? chunk.length - 1 : chunk.length;
          return new TextWebSocketFrame(Unpooled.wrappedBuffer(chunk, 0, length));
        }

        @Override
        void finish() {
          channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> channel.close());
        }
      };
    }

    private static Stream closedStream() {
      return new Stream() {
        @Override
        public boolean write(byte[] chunk) {
          return false;
        }

        @Override
        public boolean isOpen() {
          return false;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void send(int status, String contentType, byte[] body, Map<String, String> headers) {
      started = true;
      var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
      headers.forEach((k, v) -> response.headers().add(k, v));
      if (contentType != null) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      }
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
      if (keepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        channel.writeAndFlush(response);
      } else {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeAndFlush(response).addListener(f -> channel.close());
      }
    }

    @Override
    public Stream stream(int status, String contentType, Map<String, String> headers) {
      started = true;
      if (upgrade != null && status == 200) {
        try {
          return webSocket();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          channel.close();
          return closedStream();
        }
      }
      var response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
      headers.forEach((k, v) -> response.headers().add(k, v));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
      response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      channel.writeAndFlush(response);
      return new ChannelStream(channel) {
        @Override
        Object frame(byte[] chunk) {
          return new DefaultHttpContent(Unpooled.wrappedBuffer(chunk));
        }

        @Override
        void finish() {
          var f = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
          if (!keepAlive) {
            f.addListener(x -> channel.close());
          }
        }
      };
    }
  }

  /**
   * A streamed response on one channel: each chunk becomes one outbound message ({@link #frame}), written
   * once the client can take more; {@code append} leaves the flush to a later {@code write} or
   * {@code flush}, so a burst of events costs one TLS record. {@link #finish} ends the response.
   */
  private abstract static class ChannelStream implements ResponseSink.Stream {
    final Channel channel;
    private volatile boolean closed;

    ChannelStream(Channel channel) {
      this.channel = channel;
    }

    abstract Object frame(byte[] chunk);

    abstract void finish();

    @Override
    public boolean write(byte[] chunk) throws InterruptedException {
      return send(chunk, true);
    }

    @Override
    public boolean append(byte[] chunk) throws InterruptedException {
      return send(chunk, false);
    }

    @Override
    public void flush() {
      channel.flush();
    }

    private boolean send(byte[] chunk, boolean flush) throws InterruptedException {
      if (!awaitWritable(channel) || closed) {
        return false;
      }
      if (flush) {
        channel.writeAndFlush(frame(chunk));
      } else {
        channel.write(frame(chunk));
      }
      return true;
    }

    /**
     * Waits while the client is slow (the channel's outbound buffer is full); false once the connection is
     * gone. Appended chunks count against the buffer, so they are flushed first: a full buffer of chunks
     * nobody sends would never drain.
     */
    private static boolean awaitWritable(Channel channel) throws InterruptedException {
      if (channel.isActive() && !channel.isWritable()) {
        channel.flush();
      }
      synchronized (channel) {
        while (channel.isActive() && !channel.isWritable()) {
          channel.wait(1000);
        }
      }
      return channel.isActive();
    }

    @Override
    public boolean isOpen() {
      return !closed && channel.isActive();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (channel.isActive()) {
        finish();
      }
    }
  }
}
