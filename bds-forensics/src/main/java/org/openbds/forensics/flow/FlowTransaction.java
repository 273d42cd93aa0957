package org.openbds.forensics.flow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A transaction as the flow graph sees it: the outputs it spends (with their values and addresses) and the outputs it
 * creates, in order, and where it sits in the chain. Values are integer base units (satoshis).
 *
 * @param position the transaction's index in its block; with the height it orders the chain
 */
public record FlowTransaction(
    String txid, long blockHeight, String blockHash, int position, Instant time, List<Input> inputs, List<Output> outputs) {

  /** An input: the output it spends, that output's value and address (empty for a script without one). */
  public record Input(int vin, Outpoint spent, long value, Optional<String> address) {
    public Input {
      requireNonNull(spent, "spent is null");
      requireNonNull(address, "address is null");
      if (value < 0) {
        throw new IllegalArgumentException("input " + vin + " has a negative value: " + value);
      }
    }
  }

  /** An output: its value and address (empty for a script without one, such as OP_RETURN). */
  public record Output(int vout, long value, Optional<String> address) {
    public Output {
      requireNonNull(address, "address is null");
      if (value < 0) {
        throw new IllegalArgumentException("output " + vout + " has a negative value: " + value);
      }
    }
  }

  public FlowTransaction {
    requireNonNull(txid, "txid is null");
    requireNonNull(blockHash, "blockHash is null");
    requireNonNull(time, "time is null");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).vin() != i) {
        throw new IllegalArgumentException(txid + ": input " + i + " is numbered " + inputs.get(i).vin());
      }
    }
    for (int o = 0; o < outputs.size(); o++) {
      if (outputs.get(o).vout() != o) {
        throw new IllegalArgumentException(txid + ": output " + o + " is numbered " + outputs.get(o).vout());
      }
    }
    long in = inputs.stream().mapToLong(Input::value).reduce(0, Math::addExact);
    long out = outputs.stream().mapToLong(Output::value).reduce(0, Math::addExact);
    if (!inputs.isEmpty() && in < out) {
      throw new IllegalArgumentException(txid + " creates more (" + out + ") than it spends (" + in + ")");
    }
  }

  /** A coinbase: it spends nothing, so a backward trace ends there. */
  public boolean isCoinbase() {
    return inputs.isEmpty();
  }

  public long inputValue() {
    return inputs.stream().mapToLong(Input::value).sum();
  }

  public long outputValue() {
    return outputs.stream().mapToLong(Output::value).sum();
  }

  /** What the miner takes: inputs less outputs (zero for a coinbase, whose inputs are the new coins and fees). */
  public long fee() {
    return isCoinbase() ? 0 : inputValue() - outputValue();
  }

  public Outpoint outpoint(int vout) {
    return new Outpoint(txid, vout);
  }
}
