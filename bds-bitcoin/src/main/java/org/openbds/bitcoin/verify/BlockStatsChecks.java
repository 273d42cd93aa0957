package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;

/**
 * The {@code getblockstats.*} checks. The range is walked in chunks: for each, the node's answers are fetched in
 * JSON-RPC batches on the node executor while the warehouse's figures are read on the calling thread, then compared
 * height by height.
 */
final class BlockStatsChecks {
  private final BitcoinRpcClient client;
  private final RetryPolicy retry;
  private final ExecutorService nodeCalls;
  private final int blocksPerBatch;
  private final int blocksPerChunk;

  BlockStatsChecks(
      BitcoinRpcClient client, RetryPolicy retry, ExecutorService nodeCalls, int blocksPerBatch, int blocksPerChunk) {
    this.client = requireNonNull(client, "client is null");
    this.retry = requireNonNull(retry, "retry is null");
    this.nodeCalls = requireNonNull(nodeCalls, "nodeCalls is null");
    this.blocksPerBatch = blocksPerBatch;
    this.blocksPerChunk = blocksPerChunk;
  }

  /** Compares every height of {@code range}; heights above {@code nodeTip} are mismatches the node cannot answer. */
  List<ReconciliationCheck> run(BlockFigureReader warehouse, HeightRange range, long nodeTip, Consumer<String> progress) {
    BlockStatsTallies tallies = new BlockStatsTallies();
    for (HeightRange chunk : range.chunks(blocksPerChunk)) {
      Deque<Future<List<NodeBlockStats>>> pending = new ArrayDeque<>();
      if (chunk.first() <= nodeTip) {
        for (HeightRange batch : new HeightRange(chunk.first(), Math.min(chunk.last(), nodeTip)).chunks(blocksPerBatch)) {
          pending.add(nodeCalls.submit(() -> fetch(batch)));
        }
      }
      Map<Long, BlockFigures> ours = warehouse.read(chunk);
      Deque<NodeBlockStats> answers = new ArrayDeque<>();
      for (long height = chunk.first(); height <= chunk.last(); height++) {
        if (answers.isEmpty() && !pending.isEmpty()) {
          answers.addAll(await(pending.removeFirst()));
        }
        Optional<NodeBlockStats> node = height <= nodeTip ? Optional.of(answers.removeFirst()) : Optional.empty();
        tallies.compare(height, node, Optional.ofNullable(ours.get(height)), nodeTip);
      }
      progress.accept("getblockstats " + (chunk.last() - range.first() + 1) + "/" + range.size());
    }
    return tallies.results(range);
  }

  private List<NodeBlockStats> fetch(HeightRange batch) {
    List<List<Object>> params = new ArrayList<>();
    for (long h = batch.first(); h <= batch.last(); h++) {
      params.add(List.of(h));
    }
    List<JsonNode> answers =
        retry.call("getblockstats " + batch.first() + ".." + batch.last(), () -> client.callBatch("getblockstats", params));
    List<NodeBlockStats> stats = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      stats.add(NodeBlockStats.decode(batch.first() + i, answers.get(i)));
    }
    return stats;
  }

  private static List<NodeBlockStats> await(Future<List<NodeBlockStats>> answer) {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "getblockstats: interrupted while waiting for the node", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
