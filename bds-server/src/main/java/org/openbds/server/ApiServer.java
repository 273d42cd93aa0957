package org.openbds.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReadAccess;
import org.openbds.core.ChainFamilies;
import org.openbds.metrics.MetricCatalog;

/**
 * The HTTP API on one port: {@code /api/v1/…} (JSON), {@code /metrics} (Prometheus), {@code /health} and
 * {@code /ready}. Every route is declared once in {@link #routes()}, with the role it needs; the OpenAPI document
 * served at {@code /api/v1/openapi.json} must list exactly these (a test holds them together).
 */
public final class ApiServer implements AutoCloseable {
  /** A route: method, path (Javalin's {@code {param}} syntax, as in OpenAPI), the role it needs, and its handler. */
  record Route(HandlerType method, String path, Role role, Handler handler) {}

  static final ObjectMapper JSON = new ObjectMapper();
  /** Where the web app's built files are on the class path (the bds-web jar). */
  static final String WEB_APP = "/org/openbds/web";
  /** The web app loads nothing from elsewhere; ECharts sets inline styles, hence 'unsafe-inline' for styles only. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self';"
          + " frame-ancestors 'none'";
  private static final int MAX_PAGE = 1000;

  private final ServerConfig config;
  private final ApiKeys keys;
  private final ReaderPool readers;
  private final Chains chains;
  private final Map<String, Explorer> explorers = new LinkedHashMap<>();
  private final MetricSeries series;
  private final SqlSandbox sandbox;
  private final ServerMetrics metrics = new ServerMetrics();
  private final ChainStatus status;
  private final RateLimiter limiter = new RateLimiter();
  private final ResponseCache cache;
  private final PrintStream log;
  private final String openApi;
  private final SavedItems saved;
  private final AddressTotals totals;
  private final ForensicsApi forensics;
  private Thread totalsKeeper;
  private Javalin app;

  /**
   * @param access the warehouse's readers; its external access is disabled for good when the server starts
   * @param status what syncs in this process report (empty for a server alone)
   * @param log where the access log goes (standard error)
   */
  public ApiServer(ServerConfig config, ApiKeys keys, ReadAccess access, ChainFamilies families, MetricCatalog catalog, ChainStatus status, PrintStream log) {
    this.config = requireNonNull(config, "config is null");
    this.keys = requireNonNull(keys, "keys is null");
    this.status = requireNonNull(status, "status is null");
    this.log = requireNonNull(log, "log is null");
    if (!config.loopbackOnly() && keys.isEmpty() && !config.allowAnonymousRemote() && !config.anonymousRole().equals("none")) {
      throw new BdsException(
          ErrorCode.INVALID_CONFIG,
          "serving on " + config.host() + " without API keys would let anyone in: create a key (bds keys add --role admin),"
              + " set auth.anonymous-role=none, or set auth.allow-anonymous-remote=true");
    }
    access.disableExternalAccess();
    this.readers = new ReaderPool(access, config.readers());
    this.chains = new Chains(readers, families);
    this.explorers.put("bitcoin", new BitcoinExplorer(readers));
    this.explorers.put("ethereum", new EthereumExplorer(readers));
    this.explorers.put("xrp", new XrpExplorer(readers));
    this.series = new MetricSeries(readers, catalog);
    this.sandbox = new SqlSandbox(access, config, metrics);
    this.cache = new ResponseCache(config.cacheEntries());
    this.openApi = resource("openapi.json");
    this.saved = new SavedItems(access);
    this.totals = new AddressTotals(access);
    this.forensics = new ForensicsApi(access, config, chains);
  }

  List<Route> routes() {
    List<Route> r = new ArrayList<>();
    r.add(new Route(HandlerType.GET, "/health", Role.NONE, ctx -> ctx.json(Map.of("status", "ok"))));
    r.add(new Route(HandlerType.GET, "/ready", Role.NONE, this::ready));
    r.add(new Route(HandlerType.GET, "/metrics", Role.READ, this::prometheus));
    r.add(new Route(HandlerType.GET, "/api/v1/openapi.json", Role.NONE, ctx -> ctx.contentType("application/json").result(openApi)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains", Role.READ, this::chainList));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}", Role.READ, this::chain));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/blocks", Role.READ, cached(this::blocks)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/blocks/{id}", Role.READ, cached(this::block)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/blocks/{id}/transactions", Role.READ, cached(this::blockTransactions)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/transactions/{id}", Role.READ, cached(this::transaction)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/addresses/{address}", Role.READ, cached(this::address)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/addresses/{address}/history", Role.READ, cached(this::history)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/addresses/{address}/counterparties", Role.READ, cached(this::counterparties)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/search", Role.READ, this::search));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/metrics", Role.READ, this::metricCatalog));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/metrics/{id}", Role.READ, cached(this::metricSeries)));
    r.add(new Route(HandlerType.GET, "/api/v1/chains/{chain}/schema", Role.READ, this::schema));
    r.add(new Route(HandlerType.POST, "/api/v1/sql", Role.QUERY, this::sql));
    r.add(new Route(HandlerType.POST, "/api/v1/sql/parquet", Role.QUERY, this::sqlParquet));
    r.add(new Route(HandlerType.POST, "/api/v1/query", Role.QUERY, this::conditionQuery));
    for (SavedItems.Kind kind : SavedItems.Kind.values()) {
      String path = kind.path;
      r.add(new Route(HandlerType.GET, path, Role.READ, ctx -> json(ctx, Map.of("items", saved.list(kind)))));
      r.add(new Route(HandlerType.POST, path, Role.QUERY, ctx -> ctx.status(201).contentType("application/json").result(write(saved.create(kind, body(ctx))))));
      r.add(new Route(HandlerType.GET, path + "/{id}", Role.READ,
          ctx -> json(ctx, saved.get(kind, ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound("no saved item " + Identifiers.shorten(ctx.pathParam("id")))))));
      r.add(new Route(HandlerType.PUT, path + "/{id}", Role.QUERY,
          ctx -> json(ctx, saved.replace(kind, ctx.pathParam("id"), body(ctx)).orElseThrow(() -> ApiException.notFound("no saved item " + Identifiers.shorten(ctx.pathParam("id")))))));
      r.add(new Route(HandlerType.DELETE, path + "/{id}", Role.QUERY, ctx -> {
        if (!saved.delete(kind, ctx.pathParam("id"))) {
          throw ApiException.notFound("no saved item " + Identifiers.shorten(ctx.pathParam("id")));
        }
        ctx.status(204);
      }));
    }
    r.addAll(forensics.routes());
    r.add(new Route(HandlerType.GET, "/api/v1/keys", Role.ADMIN, this::keyList));
    return r;
  }

  /** Starts listening; returns the port (the one chosen when the configuration says 0). */
  public int start() {
    if (config.lookupIndexes()) {
      createLookupIndexes();
    }
    if (config.addressTotals()) {
      totalsKeeper = new Thread(this::keepAddressTotals, "address-totals");
      totalsKeeper.setDaemon(true);
      totalsKeeper.start();
    }
    app = Javalin.create(
        c -> {
          c.showJavalinBanner = false;
          c.startupWatcherEnabled = false;
          // a saved case carries its whole trace; every other body is checked for its own, smaller limit
          c.http.maxRequestSize = SavedItems.MAX_CASE_DOCUMENT + 1_000_000L;
          c.router.ignoreTrailingSlashes = true;
          c.jetty.defaultHost = config.host();
          if (!config.corsOrigins().isEmpty()) {
            c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> config.corsOrigins().forEach(rule::allowHost)));
          }
          c.requestLogger.http((ctx, ms) -> logRequest(ctx, ms));
          if (ApiServer.class.getResource(WEB_APP + "/index.html") != null) {
            c.staticFiles.add(
                files -> {
                  files.hostedPath = "/";
                  files.directory = WEB_APP;
                  files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
                  files.headers = Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY, "X-Content-Type-Options", "nosniff");
                });
          }
        });
    for (Route route : routes()) {
      app.addHttpHandler(route.method(), route.path(), guarded(route));
    }
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.details()));
    app.exception(BdsException.class, (e, ctx) -> error(ctx, status(e.code()), e.code().name(), e.getMessage(), Map.of()));
    app.exception(Exception.class, (e, ctx) -> {
      logEvent("error", ctx.method() + " " + ctx.path() + ": " + e);
      error(ctx, 500, "INTERNAL", "the server failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
    });
    app.error(404, ctx -> {
      if (ctx.attribute("route") == null) {
        error(ctx, 404, "NOT_FOUND", "no route " + ctx.method() + " " + Identifiers.shorten(ctx.path()) + "; see /api/v1/openapi.json", Map.of());
      }
    });
    app.error(405, ctx -> {
      if (ctx.attribute("route") == null) {
        error(ctx, 405, "METHOD_NOT_ALLOWED", ctx.method() + " is not allowed on " + Identifiers.shorten(ctx.path()), Map.of());
      }
    });
    app.start(config.host(), config.port());
    return app.port();
  }

  /**
   * The explorers' lookup indexes on every chain the warehouse holds, created where missing (once: on a large chain
   * this takes a while, which the log says). Before the server listens, and before a sync in the same process starts.
   */
  private void createLookupIndexes() {
    for (Chains.Chain c : chains.list()) {
      Explorer e = explorers.get(c.family());
      if (e == null) {
        continue;
      }
      for (String index : e.lookupIndexes()) {
        String table = index.substring(0, index.indexOf('('));
        String column = index.substring(index.indexOf('(') + 1, index.length() - 1);
        String name = lookupIndexName(table, column);
        if (readers.row(readers.dialect().indexExists, c.id(), name).isPresent()) {
          continue;
        }
        long t0 = System.nanoTime();
        readers.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + c.id() + "." + table + " (" + column + ")");
        logEvent("info", "created the lookup index " + c.id() + "." + index + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      }
    }
  }

  /** The name of the lookup index on {@code table(column)}. */
  static String lookupIndexName(String table, String column) {
    return org.openbds.api.LookupIndexes.name(table, column);
  }

  /** Every second, brings the address totals of each Bitcoin-family chain to its tip (see {@link AddressTotals}). */
  private void keepAddressTotals() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        refreshAddressTotals();
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // the summaries sum the address's rows meanwhile, so answers stay exact; the failure is logged and retried
        logEvent("error", "address totals: " + e.getMessage());
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException i) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** One pass of {@link #keepAddressTotals} (also for tests). */
  void refreshAddressTotals() {
    for (Chains.Chain c : chains.list()) {
      if (c.family().equals("bitcoin")) {
        long t0 = System.nanoTime();
        String done = totals.refresh(c.id());
        if (!done.equals("current") && !done.equals("no blocks")) {
          logEvent("info", "address totals of " + c.id() + ": " + done + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
      }
    }
  }

  private static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> 400;
      case QUERY_REFUSED -> 403;
      case UNKNOWN_CHAIN -> 404;
      case NODE_UNAVAILABLE, NODE_LAGGING -> 503;
      default -> 500;
    };
  }

  private static void error(Context ctx, int status, String code, String message, Map<String, Object> details) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", message);
    e.put("details", details);
    ctx.status(status).contentType("application/json").result(write(Map.of("error", e)));
  }

  /** The handler behind the role check and the rate limit. */
  private Handler guarded(Route route) {
    return ctx -> {
      ctx.attribute("route", route.path());
      Caller caller = caller(ctx);
      ctx.attribute("caller", caller.name());
      if (!caller.role().includes(route.role())) {
        if (caller.anonymous() && !keys.isEmpty()) {
          throw new ApiException(401, "UNAUTHORIZED", "this needs an API key (Authorization: Bearer bds_…) with the role " + route.role().label());
        }
        throw new ApiException(403, "FORBIDDEN", "this needs the role " + route.role().label() + "; the caller has " + caller.role().label());
      }
      if (route.role() != Role.NONE) {
        long wait = limiter.acquire(caller.name(), caller.rateLimit(), System.nanoTime());
        if (wait > 0) {
          metrics.rateLimited();
          ctx.header("Retry-After", Long.toString(wait));
          throw new ApiException(429, "RATE_LIMITED", "too many requests; try again in " + wait + " s", Map.of("retry_after_seconds", wait));
        }
      }
      route.handler().handle(ctx);
    };
  }

  record Caller(String name, Role role, int rateLimit, boolean anonymous) {}

  private Caller caller(Context ctx) {
    String presented = ctx.header("Authorization");
    if (presented != null && presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = presented.substring(7);
    } else if (presented != null) {
      throw new ApiException(401, "UNAUTHORIZED", "the Authorization header takes Bearer <key>");
    } else {
      presented = ctx.header("X-API-Key");
    }
    if (presented != null) {
      ApiKeys.Entry e = keys.authenticate(presented).orElseThrow(() -> new ApiException(401, "UNAUTHORIZED", "the API key is not valid"));
      return new Caller("key:" + e.id(), e.role(), e.rateLimitPerMinute().orElse(config.rateLimitPerMinute()), false);
    }
    Role role = keys.isEmpty() ? Role.parse(config.anonymousRole()) : Role.NONE;
    return new Caller("ip:" + ctx.ip(), role, config.anonymousRateLimitPerMinute(), true);
  }

  /** A GET whose answer depends only on the request and the chain's tip: answered from the cache when it can be. */
  private Handler cached(Handler inner) {
    return ctx -> {
      Chains.Chain chain = chains.get(ctx.pathParam("chain"));
      String key = ResponseCache.key(chain, ctx.path() + "?" + Optional.ofNullable(ctx.queryString()).orElse(""));
      Optional<String> hit = cache.get(key);
      metrics.cache(hit.isPresent());
      if (hit.isPresent()) {
        ctx.contentType("application/json").result(hit.get());
        return;
      }
      ctx.attribute("chain", chain);
      inner.handle(ctx);
      if (ctx.status().getCode() == 200 && ctx.resultInputStream() != null) {
        String body = ctx.result();
        if (body != null) {
          cache.put(key, body);
        }
      }
    };
  }

  private Chains.Chain chainOf(Context ctx) {
    Chains.Chain c = ctx.attribute("chain");
    return c != null ? c : chains.get(ctx.pathParam("chain"));
  }

  private Explorer explorer(Chains.Chain chain) {
    Explorer e = explorers.get(chain.family());
    if (e == null) {
      throw new ApiException(501, "NOT_SUPPORTED", "the explorer does not read the " + chain.family() + " family yet");
    }
    return e;
  }

  private void ready(Context ctx) {
    try {
      readers.rows("SELECT count(*) AS chains FROM main.bds_chains");
      ctx.json(Map.of("status", "ready"));
    } catch (BdsException e) {
      error(ctx, 503, "NOT_READY", "the warehouse cannot be read: " + e.getMessage(), Map.of());
    }
  }

  private void prometheus(Context ctx) {
    List<ChainStatus.Snapshot> snapshots = new ArrayList<>();
    for (Chains.Chain c : chains.list()) {
      snapshots.add(status.snapshot(c.id(), c.tipHeight()));
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render(snapshots));
  }

  private void chainList(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Chains.Chain c : chains.list()) {
      out.add(withStatus(c));
    }
    json(ctx, Map.of("chains", out));
  }

  /** One chain: what the list says of it, and the figures its family's explorer keeps of the chain as a whole. */
  private void chain(Context ctx) {
    Chains.Chain c = chains.get(ctx.pathParam("chain"));
    Map<String, Object> j = withStatus(c);
    Explorer e = explorers.get(c.family());
    if (e != null) {
      e.summary(c.id()).ifPresent(s -> j.put("summary", s));
    }
    json(ctx, j);
  }

  private Map<String, Object> withStatus(Chains.Chain c) {
    Map<String, Object> j = c.json();
    ChainStatus.Snapshot s = status.snapshot(c.id(), c.tipHeight());
    OptionalLong node = s.nodeTip();
    j.put("node_tip_height", node.isPresent() ? node.getAsLong() : null);
    j.put("lag_blocks", node.isPresent() && c.tipHeight().isPresent() ? Math.max(0, node.getAsLong() - c.tipHeight().getAsLong()) : null);
    j.put("syncing", node.isPresent());
    return j;
  }

  private void blocks(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    int limit = intParam(ctx, "limit", 20, 1, MAX_PAGE);
    Optional<Cursor> after = Optional.ofNullable(ctx.queryParam("cursor")).filter(x -> !x.isEmpty()).map(Cursor::decode);
    json(ctx, explorer(c).blocks(c.id(), after, limit).json());
  }

  private void block(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    int txs = intParam(ctx, "transactions", 25, 0, MAX_PAGE);
    String id = ctx.pathParam("id");
    json(ctx, explorer(c).block(c.id(), id, txs).orElseThrow(() -> ApiException.notFound("no block " + Identifiers.shorten(id) + " on " + c.id())));
  }

  private void blockTransactions(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
    Optional<Cursor> after = Optional.ofNullable(ctx.queryParam("cursor")).filter(x -> !x.isEmpty()).map(Cursor::decode);
    String id = ctx.pathParam("id");
    json(ctx, explorer(c).blockTransactions(c.id(), id, after, limit)
        .orElseThrow(() -> ApiException.notFound("no block " + Identifiers.shorten(id) + " on " + c.id())).json());
  }

  private void transaction(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    String id = ctx.pathParam("id");
    json(ctx, explorer(c).transaction(c.id(), id).orElseThrow(() -> ApiException.notFound("no transaction " + Identifiers.shorten(id) + " on " + c.id())));
  }

  private void address(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    String a = ctx.pathParam("address");
    json(ctx, explorer(c).address(c.id(), a).orElseThrow(() -> ApiException.notFound("no activity of " + Identifiers.shorten(a) + " on " + c.id())));
  }

  private void counterparties(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    String a = ctx.pathParam("address");
    Object found = explorer(c).counterparties(c.id(), a).orElseThrow(() -> ApiException.notFound("no activity of " + Identifiers.shorten(a) + " on " + c.id()));
    json(ctx, Map.of("address", a, "counterparties", found));
  }

  private void history(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
    Optional<Cursor> after = Optional.ofNullable(ctx.queryParam("cursor")).filter(s -> !s.isEmpty()).map(Cursor::decode);
    json(ctx, explorer(c).history(c.id(), ctx.pathParam("address"), after, limit).json());
  }

  private void search(Context ctx) {
    Chains.Chain c = chains.get(ctx.pathParam("chain"));
    String q = ctx.queryParam("q");
    if (q == null || q.isBlank()) {
      throw ApiException.badRequest("search needs q: a height, a block or transaction hash, or an address");
    }
    if (q.length() > 200) {
      throw ApiException.badRequest("q is at most 200 characters");
    }
    json(ctx, Map.of("query", q, "results", explorer(c).search(c.id(), q)));
  }

  private void metricCatalog(Context ctx) {
    Chains.Chain c = chains.get(ctx.pathParam("chain"));
    json(ctx, Map.of("chain", c.id(), "family", c.family(), "metrics", series.catalog(c.family())));
  }

  private void metricSeries(Context ctx) {
    Chains.Chain c = chainOf(ctx);
    json(
        ctx,
        series.series(
            c, ctx.pathParam("id"), ctx.queryParam("from"), ctx.queryParam("to"),
            Optional.ofNullable(ctx.queryParam("interval")).orElse("day"), ctx.queryParam("agg")));
  }

  private void schema(Context ctx) {
    Chains.Chain c = chains.get(ctx.pathParam("chain"));
    List<Map<String, Object>> tables = new ArrayList<>();
    c.tables().forEach(t -> tables.add(tableJson(t.name(), "table", t.description(), t.columns())));
    c.views().forEach(v -> tables.add(tableJson(v.name(), "view", v.description(), v.columns())));
    json(ctx, Map.of("chain", c.id(), "schema", c.id(), "tables", tables));
  }

  private static Map<String, Object> tableJson(String name, String kind, String description, List<org.openbds.api.Column> columns) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("kind", kind);
    t.put("description", description);
    List<Map<String, Object>> cols = new ArrayList<>();
    for (org.openbds.api.Column col : columns) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", col.name());
      m.put("type", col.type().name().toLowerCase(java.util.Locale.ROOT));
      m.put("nullable", col.nullable());
      m.put("description", col.description());
      if (!col.enumValues().isEmpty()) {
        m.put("values", col.enumValues());
      }
      cols.add(m);
    }
    t.put("columns", cols);
    return t;
  }

  private void sql(Context ctx) {
    json(ctx, sandbox.runUserSql(sqlText(body(ctx))).json());
  }

  private void sqlParquet(Context ctx) {
    byte[] file = ParquetExport.write(sandbox.runUserSql(sqlText(body(ctx))));
    ctx.contentType("application/vnd.apache.parquet").header("Content-Disposition", "attachment; filename=\"result.parquet\"").result(file);
  }

  private static String sqlText(JsonNode body) {
    JsonNode sql = body.get("sql");
    if (sql == null || !sql.isTextual()) {
      throw ApiException.badRequest("the body is {\"sql\": \"SELECT …\"}");
    }
    if (sql.asText().length() > 100_000) {
      throw ApiException.badRequest("a query is at most 100,000 characters");
    }
    return sql.asText();
  }

  private void conditionQuery(Context ctx) {
    JsonNode body = body(ctx);
    JsonNode chainField = body.get("chain");
    if (chainField == null || !chainField.isTextual()) {
      throw ApiException.badRequest("a condition query names its chain: {\"chain\": \"ltc\", \"table\": …}");
    }
    Chains.Chain c = chains.get(chainField.asText());
    ConditionQuery.Compiled q = ConditionQuery.compile(c, body, config.sqlMaxRows(), readers.dialect());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sql", q.sql());
    List<Object> shown = new ArrayList<>();
    for (Object p : q.parameters()) {
      shown.add(p instanceof java.sql.Timestamp t ? t.toLocalDateTime().toString() : p);
    }
    out.put("parameters", shown);
    if (!body.has("run") || body.get("run").asBoolean(true)) {
      out.putAll(sandbox.runGenerated(q.sql(), q.parameters()).json());
    }
    json(ctx, out);
  }

  private void keyList(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ApiKeys.Entry e : keys.entries()) {
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("id", e.id());
      k.put("name", e.name());
      k.put("role", e.role().label());
      k.put("rate_limit_per_minute", e.rateLimitPerMinute().isPresent() ? e.rateLimitPerMinute().getAsInt() : null);
      k.put("created", e.created().toString());
      out.add(k);
    }
    json(ctx, Map.of("keys", out));
  }

  /** The request's body: a JSON object, or a 400 saying what is wrong with it. */
  static JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      throw ApiException.badRequest("the request needs a JSON body");
    }
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw ApiException.badRequest("the body is a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A whole-number query parameter within {@code min..max}, or {@code fallback} when absent; a 400 otherwise. */
  static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, not '" + Identifiers.shorten(v) + "'");
    }
  }

  static void json(Context ctx, Object value) {
    ctx.contentType("application/json").result(write(value));
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an answer could not be written as JSON", e);
    }
  }

  private void logRequest(Context ctx, float ms) {
    String route = ctx.attribute("route");
    metrics.request(ctx.method().name(), route == null ? "unmatched" : route, ctx.status().getCode(), (long) (ms * 1e6));
    if (config.accessLog()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("ts", Instant.now().toString());
      line.put("level", "info");
      line.put("method", ctx.method().name());
      line.put("path", ctx.path());
      line.put("status", ctx.status().getCode());
      line.put("ms", Math.round(ms * 100) / 100.0);
      line.put("caller", ctx.attribute("caller"));
      log.println(write(line));
    }
  }

  /** One JSON line of the log for an event that is not a request. */
  private void logEvent(String level, String message) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", Instant.now().toString());
    line.put("level", level);
    line.put("message", message);
    log.println(write(line));
  }

  private static String resource(String name) {
    try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
    if (totalsKeeper != null) {
      totalsKeeper.interrupt();
      try {
        totalsKeeper.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    totals.close();
    forensics.close();
    sandbox.close();
    saved.close();
    readers.close();
  }
}
