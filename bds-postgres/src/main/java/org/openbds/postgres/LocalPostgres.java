package org.openbds.postgres;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A private PostgreSQL server run from the Debian package's programs ({@code /usr/lib/postgresql/<version>/bin}, the
 * newest installed version): its own data directory, listening on 127.0.0.1 only, its unix socket inside its own
 * directory, a superuser {@value #USER} with a generated password. The server outlives this object and the JVM (it is
 * a daemon started by {@code pg_ctl}); {@link #stop(Path)} stops it, and only it, by its data directory.
 *
 * <p>Layout of the directory: {@code data/} (the cluster), {@code socket/}, {@code postgres.log} (the server's log),
 * {@code password} (readable by the JVM's user only). PostgreSQL refuses to run as root: when the JVM runs as root,
 * the programs run as the {@code postgres} system user (made by the Debian package) through {@code runuser}, and the
 * directory belongs to that user.
 */
public final class LocalPostgres {
  /** The superuser the cluster is made with. */
  public static final String USER = "bds";
  /** The system user the server runs as when the JVM runs as root. */
  static final String SYSTEM_USER = "postgres";
  private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern SETTING_NAME = Pattern.compile("[a-z_][a-z0-9_.]*");
  private static final Pattern PORT_LINE = Pattern.compile("(?m)^port = (\\d+)$");
  private static final String SETTINGS_FILE = "openbds.conf";
  private static final long TIMEOUT_SECONDS = 120;

  private final Path directory;
  private final PostgresUrl url;

  private LocalPostgres(Path directory, PostgresUrl url) {
    this.directory = directory;
    this.url = url;
  }

  /** {@link #start(Path, int, String, Map)} without extra settings. */
  public static LocalPostgres start(Path directory, int port, String database) {
    return start(directory, port, database, Map.of());
  }

  /**
   * Starts the server of {@code directory}, making its cluster first if there is none, and makes {@code database} if
   * missing. A server already running there is reused as it is.
   *
   * @param port the TCP port on 127.0.0.1, or 0 for a free one
   * @param settings further server settings ({@code postgresql.conf} names and values), e.g. {@code fsync=off} for tests
   */
  public static LocalPostgres start(Path directory, int port, String database, Map<String, String> settings) {
    requireNonNull(directory, "directory is null");
    requireNonNull(database, "database is null");
    requireNonNull(settings, "settings is null");
    if (port < 0 || port > 65535) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the port must be from 1 to 65535 (or 0 for a free one), not " + port);
    }
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a database name is lower-case letters, digits and _, not '" + database + "'");
    }
    for (String key : settings.keySet()) {
      if (!SETTING_NAME.matcher(key).matches()) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a PostgreSQL setting name: '" + key + "'");
      }
    }
    Path bin = binaries(INSTALLATIONS);
    Path dir = directory.toAbsolutePath().normalize();
    Runner runner = Runner.forCurrentUser(dir);
    try {
      if (!Files.exists(dir.resolve("data").resolve("PG_VERSION"))) {
        initialize(bin, dir, runner);
      }
      String password = Files.readString(dir.resolve("password"), StandardCharsets.UTF_8).strip();
      int listening;
      if (isRunning(bin, dir, runner)) {
        listening = configuredPort(dir).orElseThrow(() -> new BdsException(ErrorCode.IO_FAILURE, "the server in " + dir + " runs on a port it does not say"));
      } else {
        listening = port != 0 ? port : freePort();
        writeSettings(dir, listening, settings, runner);
        runner.run(
            dir,
            "starting PostgreSQL in " + dir,
            List.of(bin.resolve("pg_ctl").toString(), "start", "-D", dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(),
                "-w", "-t", "60", "-s"));
      }
      PostgresUrl url = new PostgresUrl(USER, Optional.of(password), "127.0.0.1", listening, database, Optional.empty());
      LocalPostgres server = new LocalPostgres(dir, url);
      server.createDatabase(database);
      return server;
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot run PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The URL of the server's database, password included (see {@link PostgresUrl#withPassword()}). */
  public PostgresUrl url() {
    return url;
  }

  public Path directory() {
    return directory;
  }

  /** The URL of another database on the same server. */
  public PostgresUrl url(String database) {
    return new PostgresUrl(url.user(), url.password(), url.host(), url.port(), database, url.sslMode());
  }

  /** Makes {@code database} on the server if it is missing. */
  public void createDatabase(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a database name is lower-case letters, digits and _, not '" + database + "'");
    }
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {url.host()});
    source.setPortNumbers(new int[] {url.port()});
    source.setDatabaseName("postgres");
    source.setUser(url.user());
    source.setPassword(url.password().orElseThrow());
    try (Connection c = source.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, database);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "cannot make the database " + database + " on " + url + ": " + e.getMessage(), e);
    }
  }

  /** Stops this server. */
  public void stop() {
    stop(directory);
  }

  /**
   * Stops the server of {@code directory} ({@code pg_ctl stop -m fast}: open transactions are rolled back), if it
   * runs; nothing else is touched.
   */
  public static void stop(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!Files.exists(dir.resolve("data").resolve("PG_VERSION"))) {
      return;
    }
    Path bin = binaries(INSTALLATIONS);
    Runner runner = Runner.forCurrentUser(dir);
    if (isRunning(bin, dir, runner)) {
      runner.run(dir, "stopping PostgreSQL in " + dir, List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "-s"));
    }
  }

  /** Whether the server of {@code directory} runs. */
  public static boolean isRunning(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    return Files.exists(dir.resolve("data").resolve("PG_VERSION")) && isRunning(binaries(INSTALLATIONS), dir, Runner.forCurrentUser(dir));
  }

  private static boolean isRunning(Path bin, Path dir, Runner runner) {
    // pg_ctl status: 0 when running, 3 when not
    return runner.exitCode(dir, List.of(bin.resolve("pg_ctl").toString(), "status", "-D", dir.resolve("data").toString())) == 0;
  }

  /**
   * The {@code bin} directory of the newest PostgreSQL under {@code installations} ({@code <version>/bin} with
   * {@code initdb}, {@code pg_ctl} and {@code postgres}).
   */
  static Path binaries(Path installations) {
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(installations)) {
      try (Stream<Path> versions = Files.list(installations)) {
        versions
            .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
            .map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("postgres")))
            .forEach(found::add);
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot list " + installations + ": " + e.getMessage(), e);
      }
    }
    return found.stream()
        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName().toString())))
        .orElseThrow(
            () -> new BdsException(
                ErrorCode.INVALID_CONFIG,
                "PostgreSQL's server programs are not installed (no " + installations + "/<version>/bin/initdb); install the Debian package postgresql"));
  }

  private static void initialize(Path bin, Path dir, Runner runner) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(dir.resolve("socket"));
    String password = HexFormat.of().formatHex(randomBytes());
    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    // initdb reads the password from a file of the server's user, removed right after
    Path initial = dir.resolve("initdb-password");
    Files.writeString(initial, password + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(initial, PosixFilePermissions.fromString("rw-------"));
    runner.handOver(dir, passwordFile);
    try {
      runner.run(
          dir,
          "initdb in " + dir,
          List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + initial, "-A", "scram-sha-256",
              "-E", "UTF8", "--locale=C", "--no-instructions"));
    } finally {
      Files.deleteIfExists(initial);
    }
    Files.writeString(dir.resolve("data").resolve("postgresql.conf"), "\n# OpenBDS's settings\ninclude_if_exists = '" + SETTINGS_FILE + "'\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static void writeSettings(Path dir, int port, Map<String, String> settings, Runner runner) throws IOException {
    StringBuilder conf = new StringBuilder("# written by OpenBDS at each start\n");
    conf.append("listen_addresses = '127.0.0.1'\n");
    conf.append("port = ").append(port).append('\n');
    conf.append("unix_socket_directories = ").append(PostgresTypes.literal(dir.resolve("socket").toString())).append('\n');
    for (Map.Entry<String, String> s : new java.util.TreeMap<>(settings).entrySet()) {
      conf.append(s.getKey()).append(" = ").append(PostgresTypes.literal(s.getValue())).append('\n');
    }
    Path file = dir.resolve("data").resolve(SETTINGS_FILE);
    Files.writeString(file, conf, StandardCharsets.UTF_8);
    runner.handOver(file, null);
  }

  private static Optional<Integer> configuredPort(Path dir) throws IOException {
    Path file = dir.resolve("data").resolve(SETTINGS_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Matcher m = PORT_LINE.matcher(Files.readString(file, StandardCharsets.UTF_8));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Runs PostgreSQL's programs as the JVM's user, or as {@value #SYSTEM_USER} when the JVM runs as root. */
  private static final class Runner {
    private final Optional<List<String>> prefix;
    private final Optional<UserPrincipal> owner;
    private final Optional<GroupPrincipal> group;

    private Runner(Optional<List<String>> prefix, Optional<UserPrincipal> owner, Optional<GroupPrincipal> group) {
      this.prefix = prefix;
      this.owner = owner;
      this.group = group;
    }

    static Runner forCurrentUser(Path dir) {
      if (!isRoot()) {
        return new Runner(Optional.empty(), Optional.empty(), Optional.empty());
      }
      Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
          .map(Path::of)
          .filter(Files::isExecutable)
          .findFirst()
          .orElseThrow(() -> new BdsException(ErrorCode.INVALID_CONFIG, "PostgreSQL does not run as root, and runuser (util-linux) is missing to run it as " + SYSTEM_USER));
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      try {
        return new Runner(
            Optional.of(List.of(runuser.toString(), "-u", SYSTEM_USER, "--")),
            Optional.of(users.lookupPrincipalByName(SYSTEM_USER)),
            Optional.of(users.lookupPrincipalByGroupName(SYSTEM_USER)));
      } catch (UserPrincipalNotFoundException e) {
        throw new BdsException(
            ErrorCode.INVALID_CONFIG, "PostgreSQL does not run as root, and there is no " + SYSTEM_USER + " system user to run it; install the Debian package postgresql", e);
      } catch (IOException e) {
        throw new BdsException(ErrorCode.IO_FAILURE, "cannot look up the " + SYSTEM_USER + " user: " + e.getMessage(), e);
      }
    }

    private static boolean isRoot() {
      try {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return "root".equals(System.getProperty("user.name"));
      }
    }

    /**
     * Gives {@code path} (and what is below it) to the server's user, except {@code keep}; checks that the user can
     * reach it through the directories above.
     */
    void handOver(Path path, Path keep) throws IOException {
      if (owner.isEmpty()) {
        return;
      }
      try (Stream<Path> all = Files.walk(path)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          if (!p.equals(keep)) {
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            view.setOwner(owner.get());
            view.setGroup(group.orElseThrow());
          }
        }
      }
      Path dir = Files.isDirectory(path) ? path : path.getParent();
      if (exitCode(dir, List.of("test", "-w", dir.toString())) != 0) {
        throw new BdsException(
            ErrorCode.INVALID_CONFIG,
            "the " + SYSTEM_USER + " user, which runs PostgreSQL for root, cannot reach " + dir
                + ": a directory above it is closed to other users; choose one it can reach (under /tmp or /var/lib, say)");
      }
    }

    private List<String> command(List<String> command) {
      List<String> all = new ArrayList<>(prefix.orElse(List.of()));
      all.addAll(command);
      return all;
    }

    /** Runs {@code command} in {@code dir}; a failure or a timeout is an error with the end of its output. */
    void run(Path dir, String what, List<String> command) {
      Result r = execute(dir, command);
      if (r.exitCode != 0) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, what + " failed (exit code " + r.exitCode + "): " + r.output + serverLog(dir));
      }
    }

    int exitCode(Path dir, List<String> command) {
      return execute(dir, command).exitCode;
    }

    private record Result(int exitCode, String output) {}

    private Result execute(Path dir, List<String> command) {
      Path output = null;
      try {
        output = Files.createTempFile("openbds-postgres", ".out");
        ProcessBuilder pb = new ProcessBuilder(command(command)).redirectErrorStream(true).redirectOutput(output.toFile());
        // the programs run where their user may be; the JVM's own directory may be closed to it
        pb.directory(Files.isDirectory(dir) ? dir.toFile() : new java.io.File("/"));
        for (String variable : List.of("PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGOPTIONS")) {
          pb.environment().remove(variable);
        }
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(p.exitValue(), tail(Files.readString(output, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new BdsException(
            ErrorCode.INVALID_CONFIG, "cannot run " + command.get(0) + " (install the Debian package postgresql): " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "interrupted while running " + command.get(0), e);
      } finally {
        if (output != null) {
          try {
            Files.deleteIfExists(output);
          } catch (IOException e) {
            // a temporary file left behind is harmless
          }
        }
      }
    }

    private static String serverLog(Path dir) {
      Path log = dir.resolve("postgres.log");
      try {
        return Files.exists(log) ? "; the server's log ends with: " + tail(Files.readString(log, StandardCharsets.UTF_8)) : "";
      } catch (IOException e) {
        return "";
      }
    }

    private static String tail(String text) {
      String t = text.strip();
      return t.length() <= 2000 ? t : "…" + t.substring(t.length() - 2000);
    }
  }
}
