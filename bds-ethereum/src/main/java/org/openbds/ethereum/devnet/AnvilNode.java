package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.ethereum.rpc.EthRpcClient;

/**
 * A private anvil (Foundry's local EVM node) in a directory of its own, for tests, the demo and benchmarks. The node
 * listens on a free loopback port with chain id {@value #CHAIN_ID} and {@value #ACCOUNTS} unlocked dev accounts
 * derived from anvil's fixed test mnemonic (the same addresses on every start), mines a block for each transaction
 * (automine, no interval) until told otherwise, keeps its whole history in memory, and mines pending transactions in
 * the order they arrived ({@code --order fifo}: with its default ordering by fee, anvil 1.7 drops a sender's pending
 * transaction that pays more than the one before it, and all that follow). anvil answers
 * {@code trace_block} and the {@code callTracer} of {@code debug_trace*} without {@code --steps-tracing}, which only
 * opcode-level (struct logger) traces need, so it runs without it.
 *
 * <p>anvil writes its log to {@value #LOG} in the directory. {@link #close()} stops the node and deletes the
 * directory. Lifecycle methods are synchronized; {@link #call} may be used from any thread while the node runs.
 */
public final class AnvilNode implements AutoCloseable {
  public static final long CHAIN_ID = 31337;
  public static final int ACCOUNTS = 20;
  /** An environment variable naming the anvil binary; it wins over every other place. */
  public static final String BINARY_VARIABLE = "BDS_ANVIL";
  public static final String LOG = "anvil.log";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  /** Long enough for a JSON-RPC batch of thousands of transactions. */
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final long PROBE_INTERVAL_MILLIS = 50;
  private static final int LOG_TAIL_LINES = 25;
  /** Tries at start: another process may take the free port we picked before anvil binds it. */
  private static final int PORT_ATTEMPTS = 3;

  private final Path binary;
  private final Path dir;
  private final int port;
  private final EthRpcClient rpc;
  private final EthRpcClient probe;
  private Process process;
  private List<String> accounts = List.of();

  private AnvilNode(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.rpc = EthRpcClient.fromUrl(url(), CALL_TIMEOUT);
    this.probe = EthRpcClient.fromUrl(url(), PROBE_TIMEOUT);
  }

  /**
   * Starts anvil with its log in {@code dir} (created if missing) and returns once it answers JSON-RPC calls. Fails with
   * {@link ErrorCode#NODE_ERROR} when anvil exits or answers something unexpected, and with
   * {@link ErrorCode#NODE_UNAVAILABLE} when it does not answer within 60 s; both messages end with the log's tail.
   */
  public static AnvilNode start(Path binary, Path dir) {
    requireNonNull(binary, "binary is null");
    requireNonNull(dir, "dir is null");
    if (!Files.isExecutable(binary)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no anvil at " + binary + " (./bds test installs it into .tools)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot create anvil's directory " + dir + ": " + e.getMessage(), e);
    }
    for (int attempt = 1; ; attempt++) {
      AnvilNode node = new AnvilNode(binary, dir.toAbsolutePath(), freePort());
      synchronized (node) {
        try {
          node.launch();
          return node;
        } catch (BdsException e) {
          if (attempt >= PORT_ATTEMPTS || !node.lostItsPort()) {
            throw e;
          }
        }
      }
    }
  }

  /**
   * The anvil to use: the file named by {@value #BINARY_VARIABLE} if set, else the one {@code ./bds} installs into
   * {@code .tools/} (looked for upward from the working directory), else the first {@code anvil} on the {@code PATH}.
   */
  public static Optional<Path> findBinary() {
    String named = System.getenv(BINARY_VARIABLE);
    if (named != null && !named.isBlank()) {
      // a variable that names a missing file is a mistake to report, not a reason to look elsewhere
      return Optional.of(Path.of(named));
    }
    Optional<Path> local = DevnetTools.find(DevnetTools.ANVIL).filter(Files::isExecutable);
    if (local.isPresent()) {
      return local;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String entry : path.split(File.pathSeparator, -1)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "anvil"))) {
        return Optional.of(Path.of(entry, "anvil"));
      }
    }
    return Optional.empty();
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The node's directory (its log); deleted by {@link #close()}. */
  public Path dir() {
    return dir;
  }

  public EthRpcClient rpc() {
    return rpc;
  }

  /** One JSON-RPC call; the result, or a typed failure. */
  public JsonNode call(String method, Object... params) {
    return rpc.call(method, params);
  }

  /** The unlocked dev accounts, lower-case, in anvil's order (the first holds no special role). */
  public synchronized List<String> accounts() {
    return accounts;
  }

  /** Mines {@code blocks} blocks (with whatever is pending, then empty ones); the new tip's height. */
  public long mine(int blocks) {
    if (blocks < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "mine at least one block, not " + blocks);
    }
    call("anvil_mine", Hex.quantity(blocks));
    return rpc.blockNumber();
  }

  /** Whether each transaction is mined into a block of its own at once (the default) or waits for {@link #mine}. */
  public void setAutomine(boolean automine) {
    call("evm_setAutomine", automine);
  }

  /** Saves the chain and state; {@link #revert} returns to it (once: the id is spent by the revert). */
  public String snapshot() {
    return call("evm_snapshot").asText();
  }

  /** Returns chain and state to a {@link #snapshot}, dropping the blocks mined since. */
  public void revert(String snapshotId) {
    requireNonNull(snapshotId, "snapshotId is null");
    if (!call("evm_revert", snapshotId).asBoolean(false)) {
      throw new BdsException(ErrorCode.NODE_ERROR, "anvil has no snapshot " + snapshotId + " (unknown, or spent by an earlier revert)");
    }
  }

  /** {@link #reorg(int, List)} with empty replacement blocks. */
  public Reorg reorg(int depth) {
    return reorg(depth, List.of());
  }

  /**
   * Replaces the last {@code depth} blocks by as many new ones holding {@code transactions} ({@code anvil_reorg}): the
   * transactions of the old blocks are dropped, not returned to the pool, and the tip stays at the same height. Checks
   * that the node reports a new hash at every replaced height.
   */
  public Reorg reorg(int depth, List<ReorgTransaction> transactions) {
    long tip = rpc.blockNumber();
    if (depth < 1 || depth > tip) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a reorg replaces between 1 and " + tip + " blocks, not " + depth);
    }
    List<List<Object>> pairs = new ArrayList<>();
    for (ReorgTransaction t : transactions) {
      if (t.blockOffset() >= depth) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a transaction for block " + t.blockOffset() + " of a reorg of depth " + depth);
      }
      pairs.add(List.of(t.request(), t.blockOffset()));
    }
    long first = tip - depth + 1;
    List<Hash32> before = blockHashes(first, tip);
    call("anvil_reorg", depth, pairs);
    long newTip = rpc.blockNumber();
    List<Hash32> after = blockHashes(first, tip);
    for (int i = 0; i < depth; i++) {
      if (before.get(i).equals(after.get(i))) {
        throw new BdsException(ErrorCode.NODE_ERROR, "anvil_reorg of depth " + depth + " left block " + (first + i) + " unchanged: " + after.get(i));
      }
    }
    return new Reorg(first, before, after, blockHashes(newTip, newTip).get(0), newTip);
  }

  /** The hashes of the blocks {@code from..to} (inclusive) on the node's current chain, in one batch. */
  public List<Hash32> blockHashes(long from, long to) {
    List<EthRpcClient.Call> calls = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      calls.add(EthRpcClient.Call.of("eth_getBlockByNumber", Hex.quantity(h), false));
    }
    List<Hash32> hashes = new ArrayList<>(calls.size());
    long height = from;
    for (EthRpcClient.Answer answer : rpc.batch(calls)) {
      JsonNode block = answer.get();
      if (block.isNull()) {
        throw new BdsException(ErrorCode.NODE_ERROR, "anvil has no block " + height + " (tip " + rpc.blockNumber() + ")");
      }
      hashes.add(Hex.hash("eth_getBlockByNumber " + height, block.get("hash")));
      height++;
    }
    return hashes;
  }

  /** The operating-system process id of the running (or last) anvil. */
  public synchronized long pid() {
    return process.pid();
  }

  public synchronized boolean isRunning() {
    return process.isAlive();
  }

  /** Stops anvil (SIGTERM) and waits until it has exited. Does nothing if it is not running. */
  public synchronized void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitForExit(STOP_TIMEOUT)) {
      process.destroyForcibly();
      waitForExit(STOP_TIMEOUT);
      throw new BdsException(ErrorCode.NODE_ERROR, "anvil did not stop within " + STOP_TIMEOUT.toSeconds() + " s and was killed" + logTail());
    }
  }

  /** Kills anvil with SIGKILL, as a crash would, and waits until the process is gone. Does nothing if it is not running. */
  public synchronized void kill() {
    if (process.isAlive()) {
      process.destroyForcibly();
      if (!waitForExit(STOP_TIMEOUT)) {
        throw new BdsException(ErrorCode.NODE_ERROR, "anvil (pid " + process.pid() + ") survived SIGKILL");
      }
    }
  }

  /** Stops anvil if it runs and deletes its directory. */
  @Override
  public synchronized void close() {
    BdsException failure = null;
    try {
      stop();
    } catch (BdsException e) {
      failure = e;
    }
    try {
      deleteRecursively(dir);
    } catch (BdsException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void launch() {
    List<String> command =
        List.of(
            binary.toString(),
            "--host", "127.0.0.1",
            "--port", Integer.toString(port),
            "--chain-id", Long.toString(CHAIN_ID),
            "--accounts", Integer.toString(ACCOUNTS),
            // mine pending transactions in arrival order: with the default ordering by fee, anvil (1.7) drops a
            // sender's pending transaction that pays more than the one before it, and all that follow
            "--order", "fifo",
            "--color", "never");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()))
              .start();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot run " + binary + ": " + e.getMessage(), e);
    }
    awaitRpc();
    long chainId = rpc.chainId();
    List<String> found = new ArrayList<>();
    call("eth_accounts").forEach(a -> found.add(a.asText().toLowerCase(Locale.ROOT)));
    if (chainId != CHAIN_ID || found.size() != ACCOUNTS) {
      kill();
      throw new BdsException(
          ErrorCode.NODE_ERROR, "anvil started with chain id " + chainId + " and " + found.size() + " accounts, not " + CHAIN_ID + " and " + ACCOUNTS + logTail());
    }
    accounts = List.copyOf(found);
  }

  /** Polls the port until anvil answers; a node not yet listening is asked again. */
  private void awaitRpc() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    BdsException last = null;
    while (true) {
      try {
        probe.blockNumber();
        return;
      } catch (BdsException e) {
        if (!e.retryable()) {
          kill();
          throw new BdsException(ErrorCode.NODE_ERROR, "anvil on port " + port + " answered wrongly: " + e.getMessage() + logTail(), e);
        }
        last = e;
      }
      if (waitForExit(Duration.ofMillis(PROBE_INTERVAL_MILLIS))) {
        throw new BdsException(ErrorCode.NODE_ERROR, "anvil exited with status " + process.exitValue() + " while starting" + logTail());
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new BdsException(
            ErrorCode.NODE_UNAVAILABLE,
            "anvil did not answer on port " + port + " within " + START_TIMEOUT.toSeconds() + " s (last: " + last.getMessage() + ")" + logTail(),
            last);
      }
    }
  }

  /** Whether anvil exited because another process holds its port. */
  private boolean lostItsPort() {
    return !process.isAlive() && LogTail.lastLines(dir.resolve(LOG), LOG_TAIL_LINES).stream().anyMatch(l -> l.contains("Address already in use"));
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "interrupted while waiting for anvil", e);
    }
  }

  private String logTail() {
    List<String> lines = LogTail.lastLines(dir.resolve(LOG), LOG_TAIL_LINES);
    return lines.isEmpty() ? " (anvil wrote no log)" : "\n--- last lines of " + dir.resolve(LOG) + " ---\n" + String.join("\n", lines);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "no free loopback port: " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot delete anvil's directory " + root + ": " + e.getMessage(), e);
    }
  }
}
