package org.openbds.kafka;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * A private single-node Kafka broker in a directory of its own: KRaft mode (one process that is broker and controller,
 * no ZooKeeper), listening on 127.0.0.1 only. It runs as a child JVM on the jars of {@code org.apache.kafka:kafka_2.13}
 * from the local Maven repository ({@link BrokerClasspath}), so it outlives the process that started it: {@code bds kafka
 * start} returns and leaves it running, and a later process finds it with {@link #running(Path)} and stops it.
 *
 * <p>The directory holds {@value #SERVER_PROPERTIES} and {@value #LOGGING} (written at every start), the broker's output
 * in {@value #LOG}, its topics and metadata log under {@value #DATA}/, and while it runs its process id and port in
 * {@value #STATE}. Starting again on the same directory keeps the topics and their messages (and the port, unless
 * another is asked for). Topics are not created on use: create them with the admin client.
 *
 * <p>Instances are handles on the broker's process and are safe to use from any thread.
 */
public final class LocalKafka {
  public static final String SERVER_PROPERTIES = "server.properties";
  public static final String LOGGING = "log4j2.properties";
  public static final String LOG = "broker.log";
  public static final String STATE = "broker.state";
  public static final String DATA = "data";
  /** The biggest record batch the broker accepts, in bytes (64 MiB): producers of large blocks raise max.request.size to it. */
  public static final int MAX_MESSAGE_BYTES = BrokerConfigFiles.MAX_MESSAGE_BYTES;

  /** The broker's and the storage tool's entry points in kafka_2.13 4.x. */
  private static final String BROKER_MAIN = "kafka.Kafka";
  private static final String STORAGE_TOOL_MAIN = "kafka.tools.StorageTool";
  /** Kafka's own start script gives the broker 1 GiB; a record batch of 64 MiB fits many times over. */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final long PROBE_INTERVAL_MILLIS = 100;
  private static final int LOG_TAIL_LINES = 20;

  private final Path dir;
  private final int port;
  private final ProcessHandle process;

  private LocalKafka(Path dir, int port, ProcessHandle process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts a broker in {@code dir} (created if missing; an existing one keeps its topics and messages) and returns once it
   * answers an admin client. {@code port} 0 takes the port of the last start in {@code dir}, or a free one for a new
   * directory. Fails with {@link ErrorCode#INVALID_ARGUMENT} if a broker already runs in {@code dir} or the port is in
   * use, and with {@link ErrorCode#QUEUE_FAILURE} naming the log file if the broker exits or does not answer within 90 s.
   */
  public static LocalKafka start(Path dir, int port) {
    requireNonNull(dir, "dir is null");
    if (port < 0 || port > 65_535) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a port is between 1 and 65535 (or 0 for a free one), not " + port);
    }
    Path home = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot create the broker's directory " + home + ": " + e.getMessage(), e);
    }
    Optional<LocalKafka> running = running(home);
    if (running.isPresent()) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT, "a Kafka broker already runs in " + home + " at " + running.get().url() + " (pid " + running.get().pid() + ")");
    }
    BrokerConfigFiles.Ports ports = choosePorts(home, port);
    String classpath = BrokerClasspath.resolve();
    write(home.resolve(SERVER_PROPERTIES), BrokerConfigFiles.serverProperties(home.resolve(DATA), ports));
    write(home.resolve(LOGGING), BrokerConfigFiles.logging());
    if (!Files.isRegularFile(home.resolve(DATA).resolve("meta.properties"))) {
      format(home, classpath);
    }
    return launch(home, ports.broker(), classpath);
  }

  /** The broker that runs in {@code dir}, found by the state file it keeps there; empty if none runs. */
  public static Optional<LocalKafka> running(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    Optional<BrokerState> state = BrokerState.read(home.resolve(STATE));
    if (state.isEmpty()) {
      return Optional.empty();
    }
    // a state file outlives a crashed broker, and its process id may since belong to another process
    return ProcessHandle.of(state.get().pid())
        .filter(ProcessHandle::isAlive)
        .filter(p -> runsFrom(p, home))
        .map(p -> new LocalKafka(home, state.get().port(), p));
  }

  /** Stops the broker that runs in {@code dir} (see {@link #stop()}); {@link ErrorCode#INVALID_ARGUMENT} if none runs. */
  public static LocalKafka stop(Path dir) {
    LocalKafka broker =
        running(dir)
            .orElseThrow(
                () -> new BdsException(ErrorCode.INVALID_ARGUMENT, "no Kafka broker runs in " + dir.toAbsolutePath().normalize() + " (nothing to stop)"));
    broker.stop();
    return broker;
  }

  /** {@code kafka://127.0.0.1:port}: how bds commands name this broker. */
  public String url() {
    return "kafka://127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:port}, for the {@code bootstrap.servers} of Kafka clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** The file that receives the broker's output (its log and the storage tool's). */
  public Path logFile() {
    return dir.resolve(LOG);
  }

  /** The operating-system process id of the broker. */
  public long pid() {
    return process.pid();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** The cluster id, asked of the broker; {@link ErrorCode#QUEUE_FAILURE} if it does not answer within 5 s. */
  public String clusterId() {
    try (Admin admin = Admin.create(adminSettings(port))) {
      return admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis())).clusterId().get();
    } catch (ExecutionException | KafkaException e) {
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "the Kafka broker at " + bootstrapServers() + " does not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "interrupted while asking the Kafka broker for its cluster id", e);
    }
  }

  /**
   * Stops the broker as Kafka's own stop script does (SIGTERM: it closes its logs cleanly), kills it if it has not exited
   * within 60 s, and removes the state file. Stops only this broker's process. Does nothing if it has exited already.
   */
  public void stop() {
    if (process.isAlive()) {
      process.destroy();
      if (!awaitExit(STOP_TIMEOUT)) {
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
        BrokerState.delete(dir.resolve(STATE));
        throw new BdsException(
            ErrorCode.QUEUE_FAILURE, "the Kafka broker (pid " + pid() + ") did not stop within " + STOP_TIMEOUT.toSeconds() + " s and was killed; its log: " + logFile());
      }
    }
    BrokerState.delete(dir.resolve(STATE));
  }

  /** Kills the broker with SIGKILL, as a crash would, and waits until it is gone; the state file stays, as after a crash. */
  public void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
      if (!awaitExit(STOP_TIMEOUT)) {
        throw new BdsException(ErrorCode.QUEUE_FAILURE, "the Kafka broker (pid " + pid() + ") survived SIGKILL");
      }
    }
  }

  @Override
  public String toString() {
    return url() + " (pid " + pid() + ", " + dir + ")";
  }

  private static BrokerConfigFiles.Ports choosePorts(Path home, int asked) {
    Optional<BrokerConfigFiles.Ports> last = BrokerConfigFiles.readPorts(home.resolve(SERVER_PROPERTIES));
    int broker = asked != 0 ? asked : last.map(BrokerConfigFiles.Ports::broker).orElse(0);
    if (broker == 0) {
      broker = LoopbackPorts.free();
    } else if (!LoopbackPorts.isFree(broker)) {
      throw portInUse(broker);
    }
    int brokerPort = broker;
    // the controller's port is private to the broker: a new one will do if the last one is taken
    int controller = last.map(BrokerConfigFiles.Ports::controller).filter(p -> p != brokerPort && LoopbackPorts.isFree(p)).orElse(0);
    return new BrokerConfigFiles.Ports(brokerPort, controller != 0 ? controller : LoopbackPorts.freeExcept(brokerPort));
  }

  private static BdsException portInUse(int port) {
    return new BdsException(
        ErrorCode.INVALID_ARGUMENT, "port " + port + " on 127.0.0.1 is in use by another process: choose another with --port, or 0 for a free one");
  }

  /** Formats the metadata log (Kafka's storage tool, in a child JVM too): once, for a new directory. */
  private static void format(Path home, String classpath) {
    List<String> command =
        javaCommand(home, STORAGE_TOOL_MAIN, "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", home.resolve(SERVER_PROPERTIES).toString(), "--ignore-formatted");
    Path log = home.resolve(LOG);
    long from = logHeader(log, "formatting " + home.resolve(DATA));
    Process tool = run(command, classpath, home);
    try {
      if (!tool.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        tool.destroyForcibly();
        throw new BdsException(ErrorCode.QUEUE_FAILURE, "Kafka's storage tool did not format " + home.resolve(DATA) + " within " + FORMAT_TIMEOUT.toSeconds() + " s" + logTail(log, from));
      }
    } catch (InterruptedException e) {
      tool.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "interrupted while formatting " + home.resolve(DATA), e);
    }
    if (tool.exitValue() != 0) {
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "Kafka's storage tool failed (exit status " + tool.exitValue() + ") to format " + home.resolve(DATA) + logTail(log, from));
    }
  }

  private static LocalKafka launch(Path home, int port, String classpath) {
    Path log = home.resolve(LOG);
    long from = logHeader(log, "starting the broker at 127.0.0.1:" + port);
    Process child = run(javaCommand(home, BROKER_MAIN, home.resolve(SERVER_PROPERTIES).toString()), classpath, home);
    LocalKafka broker = new LocalKafka(home, port, child.toHandle());
    new BrokerState(child.pid(), port).write(home.resolve(STATE));
    try {
      broker.awaitAnswer(child, from);
      return broker;
    } catch (BdsException e) {
      broker.kill();
      BrokerState.delete(home.resolve(STATE));
      throw e;
    }
  }

  /** Polls until the broker answers an admin client; fails as soon as it exits, or at the start timeout. */
  private void awaitAnswer(Process child, long logFrom) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Exception last = null;
    Admin admin = null;
    try {
      while (true) {
        if (!child.isAlive()) {
          List<String> lines = LogTail.lastLines(logFile(), logFrom, Integer.MAX_VALUE);
          if (lines.stream().anyMatch(l -> l.contains("Address already in use"))) {
            throw portInUse(port);
          }
          throw new BdsException(ErrorCode.QUEUE_FAILURE, "the Kafka broker exited with status " + child.exitValue() + " while starting" + logTail(logFile(), logFrom));
        }
        // the admin client is made once the port is open: until then it would only log failed connections
        if (admin == null && listening()) {
          admin = Admin.create(adminSettings(port));
        }
        if (admin != null) {
          try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis())).nodes().get();
            return;
          } catch (ExecutionException e) {
            last = e;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new BdsException(
              ErrorCode.QUEUE_FAILURE,
              "the Kafka broker did not answer at " + bootstrapServers() + " within " + START_TIMEOUT.toSeconds() + " s"
                  + (last == null ? " (its port never opened)" : " (last: " + last.getMessage() + ")") + logTail(logFile(), logFrom),
              last);
        }
        child.waitFor(PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "interrupted while waiting for the Kafka broker to start", e);
    } finally {
      if (admin != null) {
        admin.close();
      }
    }
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "cannot wait for the Kafka broker (pid " + pid() + ") to exit: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.QUEUE_FAILURE, "interrupted while waiting for the Kafka broker to exit", e);
    }
  }

  /** Whether {@code process} is the broker of {@code home}: its command line names that directory's server.properties. */
  private static boolean runsFrom(ProcessHandle process, Path home) {
    String config = home.resolve(SERVER_PROPERTIES).toString();
    return process.info().arguments().map(args -> List.of(args).contains(config)).orElse(false);
  }

  private static Map<String, Object> adminSettings(int port) {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
        AdminClientConfig.CLIENT_ID_CONFIG, "bds-local-kafka",
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis());
  }

  /** {@code java <options> main args…}, on the JVM that runs us (Java 17 or newer, as Kafka 4 needs). */
  private static List<String> javaCommand(Path home, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlog4j2.configurationFile=" + home.resolve(LOGGING));
    command.add(main);
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Starts {@code command} in {@code home} on {@code classpath}, with its output appended to the log and no input (it
   * may outlive us). The classpath goes in the environment ({@code CLASSPATH}), not on the command line: the JDK reads
   * only the first 4 KiB of another process's command line, and {@link #runsFrom} must see the arguments after it.
   */
  private static Process run(List<String> command, String classpath, Path home) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("CLASSPATH", classpath);
    try {
      return builder
          .directory(home.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve(LOG).toFile()))
          .start();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** Appends a line saying what starts now; returns where that run's lines begin in the log. */
  private static long logHeader(Path log, String what) {
    long from = LogTail.size(log);
    try {
      Files.writeString(log, "=== bds: " + Instant.now() + " " + what + " ===\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write " + log + ": " + e.getMessage(), e);
    }
    return from;
  }

  private static String logTail(Path log, long from) {
    List<String> lines = LogTail.lastLines(log, from, LOG_TAIL_LINES);
    return "; its log: " + log + (lines.isEmpty() ? "" : "\n--- last lines of " + log + " ---\n" + String.join("\n", lines));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
