package org.openbds.bitcoin.generate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.script.ScriptType;

/**
 * The generator's own account of the chain it wrote, for import tests to compare against what they loaded. Written
 * beside the block files as {@code tally.properties} (see {@link #toProperties()} for the keys).
 *
 * <ul>
 *   <li>{@code blocks}: blocks written, genesis included (so the tip's height is {@code blocks - 1}).
 *   <li>{@code transactions}: every transaction, coinbases included; {@code segwitTransactions} those serialized with
 *       witness data (coinbases of blocks carrying a witness commitment included).
 *   <li>{@code inputs}: inputs spending a previous output, i.e. excluding the one input of each coinbase, which
 *       {@code coinbaseInputs} counts (it equals {@code blocks}).
 *   <li>{@code outputs}, {@code totalOutputValue}: every output including OP_RETURN outputs (witness commitments and
 *       data carriers, always worth zero). {@code outputsByScriptType} splits {@code outputs} by the type
 *       {@link org.openbds.bitcoin.script.ScriptClassifier} gives the script; every type is present, zero if unused.
 *   <li>{@code totalInputValue}: the value of the outputs the inputs spent; {@code totalSubsidy}: the new coins of all
 *       coinbases; {@code totalFees}: inputs minus outputs of the non-coinbase transactions. So
 *       {@code totalOutputValue == totalInputValue + totalSubsidy}.
 *   <li>{@code unspentOutputs}, {@code unspentValue}: the UTXO set at the tip as an importer that treats every
 *       non-OP_RETURN output as spendable computes it: all outputs except OP_RETURN ones, minus those spent. This
 *       <em>includes</em> the genesis coinbase outputs (which Bitcoin Core leaves out of its UTXO set; the generator
 *       never spends them) and dust the generator chose never to spend.
 *   <li>{@code blockFiles}: the number of {@code blk*.dat} files.
 * </ul>
 */
public record GeneratorTally(
    long blocks,
    Hash32 genesisHash,
    Hash32 tipHash,
    long transactions,
    long segwitTransactions,
    long inputs,
    long coinbaseInputs,
    long outputs,
    long totalOutputValue,
    long totalInputValue,
    long totalSubsidy,
    long totalFees,
    long unspentOutputs,
    long unspentValue,
    Map<ScriptType, Long> outputsByScriptType,
    int blockFiles) {

  public static final String FILE_NAME = "tally.properties";
  private static final String TYPE_PREFIX = "outputs.";

  public GeneratorTally {
    requireNonNull(genesisHash, "genesisHash is null");
    requireNonNull(tipHash, "tipHash is null");
    requireNonNull(outputsByScriptType, "outputsByScriptType is null");
    EnumMap<ScriptType, Long> all = new EnumMap<>(ScriptType.class);
    for (ScriptType t : ScriptType.values()) {
      all.put(t, outputsByScriptType.getOrDefault(t, 0L));
    }
    outputsByScriptType = Collections.unmodifiableMap(all);
  }

  /** The outputs of one script type. */
  public long outputs(ScriptType type) {
    return outputsByScriptType.get(type);
  }

  /** The tally as properties text: one {@code key=value} line each, in a fixed order, no timestamp. */
  public String toProperties() {
    StringBuilder s = new StringBuilder();
    s.append("# Synthetic chain tally: what the generator wrote. See GeneratorTally for the meaning of each key.\n");
    line(s, "blocks", blocks);
    line(s, "genesis_hash", genesisHash);
    line(s, "tip_hash", tipHash);
    line(s, "transactions", transactions);
    line(s, "segwit_transactions", segwitTransactions);
    line(s, "inputs", inputs);
    line(s, "coinbase_inputs", coinbaseInputs);
    line(s, "outputs", outputs);
    line(s, "total_output_value", totalOutputValue);
    line(s, "total_input_value", totalInputValue);
    line(s, "total_subsidy", totalSubsidy);
    line(s, "total_fees", totalFees);
    line(s, "unspent_outputs", unspentOutputs);
    line(s, "unspent_value", unspentValue);
    for (ScriptType t : ScriptType.values()) {
      line(s, TYPE_PREFIX + t.sqlName(), outputsByScriptType.get(t));
    }
    line(s, "block_files", blockFiles);
    return s.toString();
  }

  /** Writes {@link #toProperties()} to {@code file}. */
  public void write(Path file) {
    try {
      Files.writeString(file, toProperties(), UTF_8);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a tally written by {@link #write}; a missing or unknown key is an {@link ErrorCode#INVALID_ARGUMENT}. */
  public static GeneratorTally read(Path file) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(Files.readString(file, UTF_8)));
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
    }
    Set<String> unused = new HashSet<>(p.stringPropertyNames());
    Map<ScriptType, Long> types = new EnumMap<>(ScriptType.class);
    for (ScriptType t : ScriptType.values()) {
      types.put(t, number(p, TYPE_PREFIX + t.sqlName(), file, unused));
    }
    GeneratorTally tally =
        new GeneratorTally(
            number(p, "blocks", file, unused),
            Hash32.parse(text(p, "genesis_hash", file, unused)),
            Hash32.parse(text(p, "tip_hash", file, unused)),
            number(p, "transactions", file, unused),
            number(p, "segwit_transactions", file, unused),
            number(p, "inputs", file, unused),
            number(p, "coinbase_inputs", file, unused),
            number(p, "outputs", file, unused),
            number(p, "total_output_value", file, unused),
            number(p, "total_input_value", file, unused),
            number(p, "total_subsidy", file, unused),
            number(p, "total_fees", file, unused),
            number(p, "unspent_outputs", file, unused),
            number(p, "unspent_value", file, unused),
            types,
            Math.toIntExact(number(p, "block_files", file, unused)));
    if (!unused.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, file + ": unknown keys " + new java.util.TreeSet<>(unused));
    }
    return tally;
  }

  private static void line(StringBuilder s, String key, Object value) {
    s.append(key).append('=').append(value).append('\n');
  }

  private static String text(Properties p, String key, Path file, Set<String> unused) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, file + ": missing key '" + key + "'");
    }
    unused.remove(key);
    return v.trim();
  }

  private static long number(Properties p, String key, Path file, Set<String> unused) {
    String v = text(p, key, file, unused);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, file + ": '" + key + "' is not a number: " + v, e);
    }
  }
}
