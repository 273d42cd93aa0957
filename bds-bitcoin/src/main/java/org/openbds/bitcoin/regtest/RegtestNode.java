package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;

/**
 * A private {@code litecoind -regtest} process and its data directory, for demos, integration tests and benchmarks.
 * The node listens for RPC on a free loopback port chosen at start and kept across {@link #restart()}s; it makes no
 * peer connections. The data directory belongs to the caller: nothing here deletes it.
 *
 * <p>Every client this class hands out opens a connection per call ({@link BitcoinRpcClient#withoutKeepAlive()}):
 * litecoind waits for idle keep-alive connections to time out (30 s) before it stops, so a pooled connection would
 * make every {@link #stop()} slow. Other clients of {@link #url()} should drop theirs before a stop for the same
 * reason.
 *
 * <p>Lifecycle methods are synchronized; {@link #call} may be used from any thread while the node runs.
 */
public final class RegtestNode implements AutoCloseable {
  /** Where Debian's {@code litecoind} package installs the node. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/litecoind");

  private static final String USER = "bds";
  private static final String PASSWORD = "bds";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
  /** Long enough for a block of thousands of transactions or a wallet rescan. */
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final long PROBE_INTERVAL_MILLIS = 50;
  private static final int LOG_TAIL_LINES = 25;
  private static final String OUTPUT_LOG = "litecoind.out";

  private final Path binary;
  private final Path dataDir;
  private final int rpcPort;
  private final int p2pPort;
  private final BitcoinRpcClient rpc;
  private final BitcoinRpcClient probe;
  private Process process;

  private RegtestNode(Path binary, Path dataDir, int rpcPort, int p2pPort) {
    this.binary = binary;
    this.dataDir = dataDir;
    this.rpcPort = rpcPort;
    this.p2pPort = p2pPort;
    URI endpoint = URI.create("http://127.0.0.1:" + rpcPort + "/");
    this.rpc = new BitcoinRpcClient(endpoint, USER, PASSWORD, CALL_TIMEOUT).withoutKeepAlive();
    this.probe = new BitcoinRpcClient(endpoint, USER, PASSWORD, PROBE_TIMEOUT).withoutKeepAlive();
  }

  /**
   * Starts a node on {@code dataDir} (created if missing; an existing chain there is reused) and returns once it
   * answers RPC calls. Fails with {@link ErrorCode#NODE_ERROR} when the node exits or refuses us, and with
   * {@link ErrorCode#NODE_UNAVAILABLE} when it does not answer within 60 s; both messages end with the node's log.
   */
  public static RegtestNode start(Path binary, Path dataDir) {
    requireNonNull(binary, "binary is null");
    requireNonNull(dataDir, "dataDir is null");
    if (!Files.isExecutable(binary)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no litecoind at " + binary + " (Debian: apt-get install litecoind)");
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot create the node's data directory " + dataDir + ": " + e.getMessage(), e);
    }
    int[] ports = freePorts(2);
    RegtestNode node = new RegtestNode(binary, dataDir.toAbsolutePath(), ports[0], ports[1]);
    synchronized (node) {
      node.launch();
    }
    return node;
  }

  /** {@code /usr/bin/litecoind} if it is there, else the first {@code litecoind} on the {@code PATH}. */
  public static Optional<Path> findBinary() {
    if (Files.isExecutable(DEFAULT_BINARY)) {
      return Optional.of(DEFAULT_BINARY);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "litecoind");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The RPC URL with credentials, {@code http://user:password@127.0.0.1:port}, as users pass it to bds. */
  public String url() {
    return "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + rpcPort;
  }

  public int rpcPort() {
    return rpcPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Where the node writes its {@code blk*.dat} files. */
  public Path blocksDirectory() {
    return dataDir.resolve("regtest").resolve("blocks");
  }

  /** A client for the node (no wallet endpoint); it opens a connection per call. */
  public BitcoinRpcClient rpc() {
    return rpc;
  }

  /** A client for the node's wallet {@code name} ({@code /wallet/<name>}); it opens a connection per call. */
  public BitcoinRpcClient wallet(String name) {
    return rpc.forWallet(name);
  }

  /** One RPC call to the node (no wallet endpoint); the result, or a typed failure. */
  public JsonNode call(String method, Object... params) {
    return rpc.call(method, params);
  }

  /** The operating-system process id of the running (or last) node process. */
  public synchronized long pid() {
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Asks the node to stop and waits until it has exited, its block files and chain state written. Does nothing if the
   * node is not running.
   */
  public synchronized void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      call("stop");
    } catch (BdsException e) {
      if (process.isAlive()) {
        // the RPC server is not taking calls (still starting, or busy): SIGTERM asks for the same clean shutdown
        process.destroy();
      }
    }
    if (!waitForExit(STOP_TIMEOUT)) {
      process.destroyForcibly();
      waitForExit(STOP_TIMEOUT);
      throw new BdsException(ErrorCode.NODE_ERROR, "litecoind did not stop within " + STOP_TIMEOUT.toSeconds() + " s and was killed" + logTail());
    }
  }

  /**
   * Makes the node write its chain state and block index now (it does so before it reads the UTXO set for
   * {@code gettxoutsetinfo}). Without it a {@link #kill()} loses the blocks since the node's last periodic write, which
   * on a fresh regtest node is every block: exactly what a crash does.
   */
  public void flush() {
    call("gettxoutsetinfo", "none");
  }

  /** Kills the node with SIGKILL, as a crash would, and waits until it is gone. Does nothing if it is not running. */
  public synchronized void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
      if (!waitForExit(STOP_TIMEOUT)) {
        throw new BdsException(ErrorCode.NODE_ERROR, "litecoind (pid " + process.pid() + ") survived SIGKILL");
      }
    }
  }

  /**
   * Starts the node again on the same data directory and ports, after {@link #stop()} or {@link #kill()}; a node
   * still running is stopped first. Returns once the node answers RPC calls again (after a kill it may first replay
   * blocks).
   */
  public synchronized void restart() {
    stop();
    launch();
  }

  /** Stops the node if it runs. The data directory stays. */
  @Override
  public synchronized void close() {
    stop();
  }

  private void launch() {
    List<String> command =
        List.of(
            binary.toString(),
            "-regtest",
            "-datadir=" + dataDir,
            "-rpcuser=" + USER,
            "-rpcpassword=" + PASSWORD,
            "-rpcport=" + rpcPort,
            "-port=" + p2pPort,
            "-listen=0",
            "-fallbackfee=0.0002",
            "-printtoconsole=0",
            // several clients at once (bds syncing while a scenario sends payments) must not queue up or be refused
            "-rpcthreads=8",
            "-rpcworkqueue=64");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(OUTPUT_LOG).toFile()))
              .start();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot run " + binary + ": " + e.getMessage(), e);
    }
    awaitRpc();
  }

  /** Polls the RPC port until the node answers; a warming-up or not yet listening node is asked again. */
  private void awaitRpc() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    BdsException last = null;
    while (true) {
      try {
        probe.call("getblockcount");
        return;
      } catch (BdsException e) {
        if (!e.retryable()) {
          kill();
          throw new BdsException(ErrorCode.NODE_ERROR, "litecoind on port " + rpcPort + " refused us: " + e.getMessage() + logTail(), e);
        }
        last = e;
      }
      if (waitForExit(Duration.ofMillis(PROBE_INTERVAL_MILLIS))) {
        throw new BdsException(ErrorCode.NODE_ERROR, "litecoind exited with status " + process.exitValue() + " while starting" + logTail());
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new BdsException(
            ErrorCode.NODE_UNAVAILABLE,
            "litecoind did not answer on port " + rpcPort + " within " + START_TIMEOUT.toSeconds() + " s (last: " + last.getMessage() + ")"
                + logTail(),
            last);
      }
    }
  }

  /** Waits up to {@code timeout} for the process to exit; whether it has. */
  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "interrupted while waiting for litecoind", e);
    }
  }

  /** The last lines of the node's debug log and console output, for error messages. */
  private String logTail() {
    StringBuilder out = new StringBuilder();
    for (Path log : List.of(dataDir.resolve("regtest").resolve("debug.log"), dataDir.resolve(OUTPUT_LOG))) {
      List<String> lines = lastLines(log, LOG_TAIL_LINES);
      if (!lines.isEmpty()) {
        out.append("\n--- last lines of ").append(log).append(" ---\n").append(String.join("\n", lines));
      }
    }
    return out.length() == 0 ? " (the node wrote no log)" : out.toString();
  }

  private static List<String> lastLines(Path file, int count) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int tail = (int) Math.min(length, 16 * 1024);
      byte[] bytes = new byte[tail];
      in.seek(length - tail);
      in.readFully(bytes);
      List<String> lines = new ArrayList<>(List.of(new String(bytes, StandardCharsets.UTF_8).split("\n")));
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** Distinct free loopback ports, held open together so that the system cannot hand out one twice. */
  private static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "no free loopback port: " + e.getMessage(), e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // a probe socket that fails to close only keeps its port busy; the chosen ports are unaffected
        }
      }
    }
  }
}
