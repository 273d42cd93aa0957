package org.openbds.forensics.evidence;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;

/**
 * A case file ({@value CaseFile#FORMAT}) read back and checked field by field: what an evidence report shows. Amounts
 * are exact: values and fees are whole base units ({@link BigInteger}, as an account chain's wei exceed 64 bits), taint
 * amounts are exact {@link Rational}s (whole in practice; the format allows a fraction). An absent taint
 * ({@link Optional#empty()}) means the input, output or transfer carries none.
 *
 * <p>Two shapes share the format: the UTXO model (Bitcoin family: steps with inputs and outputs, a frontier of
 * outputs) and the account model (Ethereum family, {@code "model": "account"}: steps with transfers, a frontier of
 * addresses holding an asset).
 *
 * @param sha256 the SHA-256 of the exact bytes read, in lowercase hex: it ties a report to its file
 * @param labels every labelled address of the case, with its labels as the case file writes them
 */
public record EvidenceCase(
    String sha256,
    Model model,
    Instant createdAt,
    String software,
    Chain chain,
    Request request,
    Summary summary,
    List<Step> steps,
    List<FrontierEntry> frontier,
    Map<String, List<String>> labels) {

  public EvidenceCase {
    requireNonNull(sha256, "sha256 is null");
    requireNonNull(model, "model is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(software, "software is null");
    requireNonNull(chain, "chain is null");
    requireNonNull(request, "request is null");
    requireNonNull(summary, "summary is null");
    steps = List.copyOf(steps);
    frontier = List.copyOf(frontier);
    labels = Map.copyOf(labels);
  }

  /** How the chain keeps value: in outputs (Bitcoin family) or in account balances (Ethereum family). */
  public enum Model {
    UTXO,
    ACCOUNT
  }

  /** The chain the trace ran on, and its tip in the warehouse then. */
  public record Chain(String id, String network, long tipHeight, String tipHash) {}

  /**
   * Every parameter of the trace.
   *
   * @param asset account model: {@code native} or a token contract's address; empty for the UTXO model
   */
  public record Request(
      String from,
      Direction direction,
      TaintModel taintModel,
      int hops,
      BigInteger minValue,
      Optional<Instant> until,
      Optional<Instant> since,
      Map<String, String> stopAt,
      long maxTransactions,
      List<String> start,
      Optional<String> asset) {}

  /** The trace's totals as the case file states them. */
  public record Summary(
      Rational started, Rational frontier, Rational fees, long transactions, long frontierOutputs, boolean truncated, boolean balances) {}

  /** One transaction the trace passed through. */
  public sealed interface Step permits UtxoStep, AccountStep {
    int hop();

    String txid();

    long blockHeight();

    String blockHash();

    Instant time();

    /** The transaction's fee in base units. */
    BigInteger fee();

    /** The part of the fee the taint went into. */
    Rational feeTaint();
  }

  /** A UTXO transaction: its inputs and outputs, each with its taint. */
  public record UtxoStep(
      int hop, String txid, long blockHeight, String blockHash, Instant time, BigInteger fee, Rational feeTaint, List<Input> inputs,
      List<Output> outputs) implements Step {}

  /** An input: the output it spends, with that output's address and value. */
  public record Input(int vin, Outpoint spends, Optional<String> address, BigInteger value, Optional<Rational> taint, List<Taint.Range> ranges) {}

  /** An output; {@code ranges} are FIFO's tainted positions in its value ({@code [start, end)}), empty otherwise. */
  public record Output(int vout, Optional<String> address, BigInteger value, Optional<Rational> taint, List<Taint.Range> ranges) {}

  /** An account-model transaction: the value it moved, transfer by transfer. */
  public record AccountStep(
      int hop, String txid, long blockHeight, String blockHash, Instant time, BigInteger fee, Rational feeTaint, List<Transfer> transfers)
      implements Step {}

  /**
   * One movement of value in an account-model transaction.
   *
   * @param kind {@code native} (the transaction's own value), {@code internal} (a call inside it) or {@code token} (a
   *     token's Transfer event)
   * @param asset {@code native} or the token contract's address
   */
  public record Transfer(int index, String kind, String asset, String from, String to, BigInteger value, Optional<Rational> taint) {}

  /** Where the trace stopped: a tainted output (UTXO) or an address holding tainted funds (account). */
  public sealed interface FrontierEntry permits UtxoFrontier, AccountFrontier {
    Optional<String> address();

    BigInteger value();

    Rational taint();

    int hop();

    String reason();

    Optional<String> note();
  }

  /** A tainted output the trace did not follow further. */
  public record UtxoFrontier(
      Outpoint output, Optional<String> address, BigInteger value, Rational taint, List<Taint.Range> ranges, int hop, String reason,
      Optional<String> note) implements FrontierEntry {}

  /** An address holding tainted funds of an asset where the trace stopped. */
  public record AccountFrontier(String holder, String asset, BigInteger value, Rational taint, int hop, String reason, Optional<String> note)
      implements FrontierEntry {
    @Override
    public Optional<String> address() {
      return Optional.of(holder);
    }
  }
}
