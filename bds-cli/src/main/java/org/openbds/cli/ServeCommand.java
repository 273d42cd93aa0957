package org.openbds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReadAccess;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.postgres.PostgresUrl;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bds serve}: the HTTP API over the warehouse — the embedded one in {@code --data}, or the PostgreSQL server
 * {@code --warehouse} names — until stopped (Ctrl-C). API keys are read from {@code --data} either way.
 */
@Command(
    name = "serve",
    description = "Serve the REST API (/api/v1), Prometheus /metrics, /health and /ready over the warehouse (--data, or --warehouse postgresql://…) until stopped.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--port", description = "TCP port (default 8080; 0 picks a free one).")
  Integer port;

  @Option(names = "--host", description = "Address to listen on (default 127.0.0.1).")
  String host;

  @Option(names = "--config", description = "A properties file of server settings (see docs/api.md).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A server setting, e.g. --set sql.timeout=10s (repeatable).")
  Map<String, String> settings = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = ServerConfig.fromSettings(settings(configFile, settings, host, port));
    String where = Warehouses.isServer(parent) ? PostgresUrl.parse(parent.warehouse).toString() : parent.data.toAbsolutePath().normalize().toString();
    try (Warehouse warehouse = Warehouses.open(parent)) {
      serveUntilStopped(warehouse, where, ApiKeys.load(parent.data), config, spec.commandLine().getOut());
    }
    return 0;
  }

  /** Serves the embedded warehouse in {@code data} until the process is stopped (Ctrl-C), then closes the server and the warehouse. */
  static void serveUntilStopped(Path data, ServerConfig config, PrintWriter out) throws InterruptedException {
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      serveUntilStopped(warehouse, data.toAbsolutePath().normalize().toString(), ApiKeys.load(data), config, out);
    }
  }

  /** Serves {@code warehouse} (shown as {@code where}) until the process is stopped (Ctrl-C), then closes the server. */
  private static void serveUntilStopped(Warehouse warehouse, String where, ApiKeys keys, ServerConfig config, PrintWriter out) throws InterruptedException {
    if (!(warehouse instanceof ReadAccess access)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "the warehouse " + where + " cannot be served");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    PrintStream log = System.err;
    try (ApiServer server = new ApiServer(config, keys, access, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), log)) {
      int bound = server.start();
      out.printf("serving %s at http://%s:%d/ (web app; API under /api/v1) — Ctrl-C stops%n", where, config.host(), bound);
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "bds-serve-stop"));
      stopped.await();
    }
  }

  /** Settings from the file, then --set, then --host and --port: a later source wins. */
  static Map<String, String> settings(Path file, Map<String, String> set, String host, Integer port) {
    Map<String, String> all = new LinkedHashMap<>();
    if (file != null) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "cannot read " + file + ": " + e.getMessage(), e);
      }
      p.stringPropertyNames().forEach(k -> all.put(k, p.getProperty(k)));
    }
    all.putAll(set);
    if (host != null) {
      all.put("server.host", host);
    }
    if (port != null) {
      all.put("server.port", Integer.toString(port));
    }
    return all;
  }
}
