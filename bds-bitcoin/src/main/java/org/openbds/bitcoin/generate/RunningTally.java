package org.openbds.bitcoin.generate;

import java.util.EnumMap;
import java.util.Map;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.script.ScriptType;

/** The counters behind a {@link GeneratorTally}, updated as transactions are written. Not thread-safe. */
final class RunningTally {
  long blocks;
  long transactions;
  long segwitTransactions;
  long inputs;
  long coinbaseInputs;
  long outputs;
  long totalOutputValue;
  long totalInputValue;
  long totalSubsidy;
  long totalFees;
  /** Outputs other than OP_RETURN, and their value: the candidates for the UTXO set. */
  long spendableOutputs;
  long spendableValue;
  private final long[] byType = new long[ScriptType.values().length];

  void output(OutputKind kind, long value) {
    outputs++;
    totalOutputValue = Math.addExact(totalOutputValue, value);
    byType[kind.type.ordinal()]++;
    if (kind != OutputKind.OP_RETURN) {
      spendableOutputs++;
      spendableValue = Math.addExact(spendableValue, value);
    }
  }

  void input(long value) {
    inputs++;
    totalInputValue = Math.addExact(totalInputValue, value);
  }

  GeneratorTally toTally(Hash32 genesisHash, Hash32 tipHash, int blockFiles) {
    Map<ScriptType, Long> types = new EnumMap<>(ScriptType.class);
    for (ScriptType t : ScriptType.values()) {
      types.put(t, byType[t.ordinal()]);
    }
    return new GeneratorTally(
        blocks,
        genesisHash,
        tipHash,
        transactions,
        segwitTransactions,
        inputs,
        coinbaseInputs,
        outputs,
        totalOutputValue,
        totalInputValue,
        totalSubsidy,
        totalFees,
        spendableOutputs - inputs,
        spendableValue - totalInputValue,
        types,
        blockFiles);
  }
}
