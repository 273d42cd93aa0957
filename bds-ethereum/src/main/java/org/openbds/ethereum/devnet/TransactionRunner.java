package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.ethereum.rpc.EthRpcClient;

/**
 * Sends planned transactions in JSON-RPC batches, mines until anvil's pool is empty, and checks every receipt against
 * the plan: a transaction that should succeed and failed (or the reverse) means the activity's model of the chain is
 * wrong, which is reported rather than counted. The caller turns automine off, so that the transactions share blocks.
 */
final class TransactionRunner {
  /** Requests per JSON-RPC batch. */
  static final int BATCH = 500;

  private final AnvilNode node;

  TransactionRunner(AnvilNode node) {
    this.node = requireNonNull(node, "node is null");
  }

  /** The transactions as mined, in chain order (block, then position). */
  List<MinedTransaction> run(List<PlannedTransaction> plans) {
    List<Hash32> hashes = send(plans);
    mineUntilEmpty(plans.size());
    List<MinedTransaction> mined = receipts(plans, hashes);
    for (MinedTransaction m : mined) {
      check(m);
    }
    return mined;
  }

  /**
   * Sends the transactions, each sender's with consecutive nonces in plan order; their hashes, in plan order.
   *
   * <p>The nonces are ours, and the transactions go out in waves, a JSON-RPC batch holding at most one transaction
   * of each sender: anvil answers the requests of a batch concurrently, so a sender's transactions in one batch reach
   * its pool in any order, and when it mines a block it drops (rather than defers) a transaction whose nonce is not
   * yet due, and every later one of that sender.
   */
  List<Hash32> send(List<PlannedTransaction> plans) {
    Map<String, Long> nonces = pendingNonces(plans.stream().map(p -> (String) p.request().get("from")).distinct().toList());
    Map<String, List<Integer>> bySender = new LinkedHashMap<>();
    for (int i = 0; i < plans.size(); i++) {
      bySender.computeIfAbsent((String) plans.get(i).request().get("from"), s -> new ArrayList<>()).add(i);
    }
    Hash32[] hashes = new Hash32[plans.size()];
    for (int wave = 0; ; wave++) {
      List<Integer> members = new ArrayList<>();
      for (List<Integer> own : bySender.values()) {
        if (wave < own.size()) {
          members.add(own.get(wave));
        }
      }
      if (members.isEmpty()) {
        return List.of(hashes);
      }
      for (int from = 0; from < members.size(); from += BATCH) {
        List<Integer> chunk = members.subList(from, Math.min(members.size(), from + BATCH));
        List<EthRpcClient.Call> calls = new ArrayList<>(chunk.size());
        for (int index : chunk) {
          Map<String, Object> request = new LinkedHashMap<>(plans.get(index).request());
          long nonce = nonces.merge((String) request.get("from"), 1L, Long::sum) - 1;
          request.put("nonce", Hex.quantity(nonce));
          calls.add(EthRpcClient.Call.of("eth_sendTransaction", request));
        }
        List<EthRpcClient.Answer> answers = node.rpc().batch(calls);
        for (int i = 0; i < answers.size(); i++) {
          PlannedTransaction p = plans.get(chunk.get(i));
          EthRpcClient.Answer answer = answers.get(i);
          if (answer.error().isPresent()) {
            throw new BdsException(
                ErrorCode.NODE_ERROR, "anvil refused a " + p.kind() + " transaction " + p.request() + ": " + answer.error().get().getMessage(), answer.error().get());
          }
          hashes[chunk.get(i)] = Hex.hash("eth_sendTransaction", answer.result());
        }
      }
    }
  }

  /** The next nonce of each sender, counting the transactions waiting in the pool. */
  private Map<String, Long> pendingNonces(List<String> senders) {
    List<EthRpcClient.Answer> answers = node.rpc().batch(senders.stream().map(a -> EthRpcClient.Call.of("eth_getTransactionCount", a, "pending")).toList());
    Map<String, Long> nonces = new HashMap<>();
    for (int i = 0; i < senders.size(); i++) {
      nonces.put(senders.get(i), Hex.longQuantity("eth_getTransactionCount", answers.get(i).get()));
    }
    return nonces;
  }

  /** Mines blocks until no transaction waits; a pool that does not drain within {@code limit} blocks is a failure. */
  int mineUntilEmpty(int limit) {
    for (int blocks = 1; blocks <= limit + 1; blocks++) {
      node.call("evm_mine");
      JsonNode status = node.call("txpool_status");
      if (Hex.longQuantity("txpool_status", status.get("pending")) == 0 && Hex.longQuantity("txpool_status", status.get("queued")) == 0) {
        return blocks;
      }
    }
    throw new BdsException(ErrorCode.NODE_ERROR, "anvil's pool still holds transactions after " + (limit + 1) + " blocks: " + node.call("txpool_status"));
  }

  private List<MinedTransaction> receipts(List<PlannedTransaction> plans, List<Hash32> hashes) {
    List<EthRpcClient.Call> calls = hashes.stream().map(h -> EthRpcClient.Call.of("eth_getTransactionReceipt", "0x" + h.toHex())).toList();
    List<MinedTransaction> mined = new ArrayList<>(plans.size());
    for (int from = 0; from < calls.size(); from += BATCH) {
      List<EthRpcClient.Answer> answers = node.rpc().batch(calls.subList(from, Math.min(calls.size(), from + BATCH)));
      for (int i = 0; i < answers.size(); i++) {
        JsonNode receipt = answers.get(i).get();
        Hash32 hash = hashes.get(from + i);
        if (receipt.isNull()) {
          throw new BdsException(ErrorCode.NODE_ERROR, "transaction 0x" + hash.toHex() + " was not mined although anvil's pool is empty");
        }
        String what = "receipt of 0x" + hash.toHex();
        mined.add(
            new MinedTransaction(
                plans.get(from + i), hash, Hex.longQuantity(what, receipt.get("blockNumber")), (int) Hex.longQuantity(what, receipt.get("transactionIndex")), receipt));
      }
    }
    mined.sort(Comparator.comparingLong(MinedTransaction::blockNumber).thenComparingInt(MinedTransaction::index));
    return mined;
  }

  /** Fails when a transaction's outcome is not the planned one, with the node's own account of why. */
  void check(MinedTransaction m) {
    boolean succeeded = Hex.longQuantity("receipt status", m.receipt().get("status")) == 1;
    if (succeeded != m.plan().expectSuccess()) {
      throw new BdsException(
          ErrorCode.NODE_ERROR,
          "a " + m.plan().kind() + " transaction 0x" + m.hash().toHex() + " in block " + m.blockNumber() + " " + (succeeded ? "succeeded" : "failed")
              + ", planned to " + (m.plan().expectSuccess() ? "succeed" : "fail") + ": " + m.plan().request() + " (" + reason(m.hash()) + ")");
    }
  }

  /** The top call's error and output, as anvil's call tracer reports them, for error messages. */
  private String reason(Hash32 hash) {
    try {
      JsonNode trace = node.call("debug_traceTransaction", "0x" + hash.toHex(), Map.of("tracer", "callTracer"));
      return "trace: error " + trace.path("error").asText("none") + ", output " + trace.path("output").asText("none");
    } catch (BdsException e) {
      return "no trace: " + e.getMessage();
    }
  }
}
