package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.ScriptClassifier;
import org.openbds.bitcoin.script.ScriptType;

/**
 * Recounts a decoded chain from scratch, keeping its own UTXO set: every input must spend an existing unspent
 * non-OP_RETURN output, and the result is the {@link GeneratorTally} the generator should have written. Also counts
 * the features the generator promises (spends within a block and from the previous block, shapes).
 */
final class ChainRecount {
  record Outpoint(Hash32 txid, long vout) {}

  /** Where an unspent output was created, and what it holds. */
  record Unspent(long height, long value) {}

  final Map<Outpoint, Unspent> utxo = new HashMap<>();
  long sameBlockSpends;
  long previousBlockSpends;
  long consolidations;
  long fanOuts;
  long witnessSpends;
  long longestChain;
  private GeneratorTally tally;

  static ChainRecount of(List<BitcoinBlock> chain, ChainProfile profile, int blockFiles) {
    ChainRecount r = new ChainRecount();
    r.count(chain, profile, blockFiles);
    return r;
  }

  GeneratorTally tally() {
    return tally;
  }

  private void count(List<BitcoinBlock> chain, ChainProfile profile, int blockFiles) {
    ScriptClassifier classifier =
        new ScriptClassifier(new AddressEncoder(profile.network(ChainProfiles.SYNTHETIC)), profile.segwit());
    Map<ScriptType, Long> types = new EnumMap<>(ScriptType.class);
    Map<Hash32, Integer> chainDepth = new HashMap<>();
    long txs = 0, segwitTxs = 0, inputs = 0, coinbaseInputs = 0, outputs = 0;
    long outputValue = 0, inputValue = 0, subsidy = 0, fees = 0;
    long previousTime = 0;
    for (BitcoinBlock block : chain) {
      long height = block.height();
      assertThat(block.header().time()).isGreaterThan(previousTime);
      previousTime = block.header().time();
      assertThat(block.header().bits()).isEqualTo(SyntheticChainGenerator.BITS);
      long blockFees = 0;
      for (BitcoinTransaction tx : block.transactions()) {
        txs++;
        segwitTxs += tx.hasWitness() ? 1 : 0;
        boolean coinbase = tx == block.transactions().get(0);
        assertThat(tx.isCoinbase()).isEqualTo(coinbase);
        long in = 0;
        int depth = 0;
        if (coinbase) {
          coinbaseInputs++;
          assertThat(tx.inputs().get(0).scriptSig()).startsWith(heightPush(height));
        } else {
          for (TxInput input : tx.inputs()) {
            Unspent spent = utxo.remove(new Outpoint(input.previousTxid(), input.previousVout()));
            assertThat(spent).as("input %s:%d at height %d", input.previousTxid(), input.previousVout(), height).isNotNull();
            in += spent.value();
            inputs++;
            sameBlockSpends += spent.height() == height ? 1 : 0;
            previousBlockSpends += spent.height() == height - 1 ? 1 : 0;
            witnessSpends += input.witness() != null ? 1 : 0;
            depth = Math.max(depth, chainDepth.getOrDefault(input.previousTxid(), 0) + 1);
          }
          chainDepth.put(tx.txid(), depth);
          longestChain = Math.max(longestChain, depth);
        }
        consolidations += tx.inputs().size() >= 10 ? 1 : 0;
        fanOuts += tx.outputs().size() >= 20 ? 1 : 0;
        long out = 0;
        for (int vout = 0; vout < tx.outputs().size(); vout++) {
          TxOutput o = tx.outputs().get(vout);
          ScriptType type = classifier.classify(o.script()).type();
          types.merge(type, 1L, Long::sum);
          outputs++;
          out += o.value();
          if (type != ScriptType.OP_RETURN) {
            assertThat(utxo.put(new Outpoint(tx.txid(), vout), new Unspent(height, o.value()))).isNull();
          } else {
            assertThat(o.value()).isZero();
          }
        }
        outputValue += out;
        if (coinbase) {
          subsidy += SyntheticChainGenerator.subsidy(height);
        } else {
          assertThat(out).as("outputs of %s", tx.txid()).isLessThanOrEqualTo(in);
          inputValue += in;
          blockFees += in - out;
        }
      }
      assertThat(block.transactions().get(0).outputValue())
          .as("coinbase of height %d", height)
          .isEqualTo(SyntheticChainGenerator.subsidy(height) + blockFees);
      fees += blockFees;
    }
    long unspentValue = utxo.values().stream().mapToLong(Unspent::value).sum();
    tally =
        new GeneratorTally(
            chain.size(),
            chain.get(0).hash(),
            chain.get(chain.size() - 1).hash(),
            txs,
            segwitTxs,
            inputs,
            coinbaseInputs,
            outputs,
            outputValue,
            inputValue,
            subsidy,
            fees,
            utxo.size(),
            unspentValue,
            types,
            blockFiles);
  }

  /** The BIP34 height push as Bitcoin Core writes it. */
  static byte[] heightPush(long height) {
    if (height == 0) {
      return new byte[] {0};
    }
    if (height <= 16) {
      return new byte[] {(byte) (0x50 + height)};
    }
    byte[] le = java.math.BigInteger.valueOf(height).toByteArray(); // big-endian, with a sign byte when needed
    byte[] push = new byte[le.length + 1];
    push[0] = (byte) le.length;
    for (int i = 0; i < le.length; i++) {
      push[1 + i] = le[le.length - 1 - i];
    }
    return push;
  }
}
