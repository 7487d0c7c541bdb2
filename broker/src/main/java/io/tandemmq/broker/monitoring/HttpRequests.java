package io.tandemmq.broker.monitoring;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.tandemmq.broker.ha.PairFigures;
import io.tandemmq.broker.ha.ServerRole;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers one HTTP request of the monitoring port:
 * <ul>
 * <li>{@code GET /health}: 200 {@code active} while this server is active with a fresh lease,
 *     503 with the role otherwise; no login (load balancers and probes send none), nothing else told</li>
 * <li>{@code GET /metrics}: Prometheus text; {@code GET /api/status}: the console's JSON</li>
 * <li>{@code POST /login} (form fields {@code user}, {@code password}), {@code POST /logout}</li>
 * <li>{@code GET /}, {@code /console.js}, {@code /console.css}: the console's files</li>
 * </ul>
 * With security on, {@code /metrics} and {@code /api/status} need a console session cookie or
 * HTTP Basic credentials of a user with the monitor or admin permission: 401 (or 403 for a user
 * without it) and an empty-handed body otherwise. Nothing here touches messaging: a failure
 * answers 500 and is logged.
 */
final class HttpRequests extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = System.getLogger(HttpRequests.class.getName());
    private static final String ASSETS = "/io/tandemmq/broker/console/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/console.js", "console.js", "/console.css", "console.css");
    private static final Set<String> PROTECTED = Set.of("/metrics", "/api/status");

    private final MonitoredServer source;
    private final BrokerMeters meters;
    private final RecentHistory history;
    private final ConsoleAccess access;
    private final ConsoleSessions sessions;

    HttpRequests(MonitoredServer source, BrokerMeters meters, RecentHistory history, ConsoleAccess access,
                 ConsoleSessions sessions) {
        this.source = source;
        this.meters = meters;
        this.history = history;
        this.access = access;
        this.sessions = sessions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request\n"));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        HttpMethod method = request.method();
        try {
            route(ctx, request, path, method);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "HTTP " + method + " " + path + " failed", e);
            send(ctx, request, text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e + "\n"));
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, String path, HttpMethod method) {
        if (path.equals("/health")) {
            if (!isGet(method)) {
                send(ctx, request, notAllowed("GET"));
                return;
            }
            send(ctx, request, health());
        } else if (FILES.containsKey(path)) {
            send(ctx, request, isGet(method) ? asset(FILES.get(path)) : notAllowed("GET"));
        } else if (path.equals("/login")) {
            if (method.equals(HttpMethod.POST)) {
                login(ctx, request);
            } else {
                send(ctx, request, notAllowed("POST"));
            }
        } else if (path.equals("/logout")) {
            logout(ctx, request);
        } else if (PROTECTED.contains(path)) {
            if (!isGet(method)) {
                send(ctx, request, notAllowed("GET"));
                return;
            }
            protectedRequest(ctx, request, path);
        } else {
            send(ctx, request, text(HttpResponseStatus.NOT_FOUND, "not found: " + path
                    + " (the console is at /, metrics at /metrics, health at /health)\n"));
        }
    }

    private static boolean isGet(HttpMethod method) {
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
    }

    private FullHttpResponse health() {
        PairFigures p = source.pair();
        boolean serving = p.role() == ServerRole.ACTIVE && p.leaseFresh();
        String body = serving ? "active\n" : p.role() == ServerRole.ACTIVE ? "active, lease not fresh\n" : p.role().label() + "\n";
        FullHttpResponse r = text(serving ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private void protectedRequest(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String user = sessions.user(cookie(request));
        if (user != null) {
            send(ctx, request, content(path, user));
            return;
        }
        String[] basic = basicCredentials(request);
        access.check(basic == null ? null : basic[0], basic == null ? null : basic[1], address(ctx)).thenAccept(d -> {
            switch (d.verdict()) {
                case ALLOWED -> send(ctx, request, content(path, d.user()));
                case FORBIDDEN -> send(ctx, request, text(HttpResponseStatus.FORBIDDEN, d.message() + "\n"));
                default -> send(ctx, request, unauthorized(path, d.message()));
            }
        });
    }

    private FullHttpResponse content(String path, String user) {
        FullHttpResponse r;
        if (path.equals("/metrics")) {
            r = response(HttpResponseStatus.OK, meters.scrape(), "text/plain; version=0.0.4; charset=utf-8");
        } else {
            String json = StatusDocument.of(source.pair(), meters.figures(), history, user, System.currentTimeMillis());
            r = response(HttpResponseStatus.OK, json, "application/json");
        }
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    /** The console's fetches get no Basic challenge, or the browser would pop up its own login box. */
    private static FullHttpResponse unauthorized(String path, String message) {
        FullHttpResponse r = text(HttpResponseStatus.UNAUTHORIZED, message + "\n");
        if (path.equals("/metrics")) {
            r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"tandem\", charset=\"UTF-8\"");
        }
        return r;
    }

    private void login(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder form = new QueryStringDecoder(request.content().toString(StandardCharsets.UTF_8), false);
        String user = first(form, "user");
        String password = first(form, "password");
        access.check(user == null || user.isEmpty() ? null : user, password, address(ctx)).thenAccept(d -> {
            if (d.verdict() != ConsoleAccess.Verdict.ALLOWED) {
                send(ctx, request, text(d.verdict() == ConsoleAccess.Verdict.FORBIDDEN ? HttpResponseStatus.FORBIDDEN
                        : HttpResponseStatus.UNAUTHORIZED, d.message() + "\n"));
                return;
            }
            FullHttpResponse r = text(HttpResponseStatus.OK, "logged in\n");
            r.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(sessionCookie(sessions.open(d.user()), -1)));
            send(ctx, request, r);
        });
    }

    private void logout(ChannelHandlerContext ctx, FullHttpRequest request) {
        sessions.close(cookie(request));
        FullHttpResponse r = text(HttpResponseStatus.OK, "logged out\n");
        r.headers().set(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(sessionCookie("", 0)));
        send(ctx, request, r);
    }

    private static Cookie sessionCookie(String value, long maxAge) {
        DefaultCookie c = new DefaultCookie(ConsoleSessions.COOKIE, value);
        c.setHttpOnly(true);
        c.setPath("/");
        c.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Strict);
        if (maxAge >= 0) {
            c.setMaxAge(maxAge);
        }
        return c;
    }

    private static String first(QueryStringDecoder form, String name) {
        List<String> values = form.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String cookie(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(ConsoleSessions.COOKIE)) {
                return c.value();
            }
        }
        return null;
    }

    /** @return user and password, or null when the request has no (readable) Basic credentials */
    static String[] basicCredentials(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "unknown";
    }

    /** The console's files, read from the jar once: not on the event loop for every page load. */
    private static final Map<String, byte[]> ASSET_BYTES = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] assetBytes(String file) throws IOException {
        byte[] cached = ASSET_BYTES.get(file);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = HttpRequests.class.getResourceAsStream(ASSETS + file)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            ASSET_BYTES.put(file, bytes);
            return bytes;
        }
    }

    private static FullHttpResponse asset(String file) {
        try {
            byte[] bytes = assetBytes(file);
            if (bytes == null) {
                return text(HttpResponseStatus.NOT_FOUND, "the console's " + file + " is missing from the broker jar\n");
            }
            String type = file.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(bytes));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            r.headers().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            return r;
        } catch (IOException e) {
            return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read the console's " + file + ": " + e + "\n");
        }
    }

    private static FullHttpResponse notAllowed(String allowed) {
        FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed here; use " + allowed + "\n");
        r.headers().set(HttpHeaderNames.ALLOW, allowed.equals("GET") ? "GET, HEAD" : allowed);
        return r;
    }

    static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, body, "text/plain; charset=utf-8");
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body, String type) {
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        return r;
    }

    /** Sends the response, keeping the connection open when the client asked to. */
    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        response.headers().set("X-Content-Type-Options", "nosniff");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        if (request.method().equals(HttpMethod.HEAD)) {
            response.content().clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, "HTTP connection from {0} failed: {1}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
