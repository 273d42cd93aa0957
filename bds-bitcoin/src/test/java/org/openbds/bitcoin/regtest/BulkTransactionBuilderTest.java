package org.openbds.bitcoin.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.address.Hash160;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.DoubleSha256;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.generate.SerializedTransaction;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.ScriptClassifier;
import org.openbds.bitcoin.script.ScriptType;

/**
 * Transactions from the bulk builder, decoded by our codec and checked the way a node would check them without
 * running scripts in full: each input spends an existing, unspent output (the starting coinbases or an earlier
 * transaction's), its witness or scriptSig reveals the script the output committed to, and values balance with a small
 * fee.
 */
class BulkTransactionBuilderTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long COINBASE_VALUE = 5_000_000_000L;
  private static final byte[] TRUE_P2WSH = AnyoneCanSpend.p2wsh(AnyoneCanSpend.TRUE_SCRIPT, new DoubleSha256());

  private final BitcoinBlockCodec codec = new BitcoinBlockCodec(false, true);
  private final DoubleSha256 sha = new DoubleSha256();
  private final ScriptClassifier classifier =
      new ScriptClassifier(new AddressEncoder(ChainProfiles.load("ltc").network("regtest")), true);

  @Test
  void twoThousandValidTransactionsOfEveryShape() {
    BulkTransactionBuilder builder = builderWithCoinbases(7, 20);
    Map<String, TxOutput> unspent = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      unspent.put(outpoint(coinbaseTxid(i), 0), new TxOutput(COINBASE_VALUE, TRUE_P2WSH));
    }
    BulkTransactions built = builder.build(2000);
    assertThat(built.transactions()).hasSize(2000);

    Set<String> scripts = new HashSet<>();
    Map<ScriptType, Integer> types = new HashMap<>();
    long weight = 0;
    boolean split = false;
    boolean merge = false;
    boolean fanOut = false;
    boolean spendsInBlock = false;
    Set<Hash32> madeHere = new HashSet<>();
    for (SerializedTransaction serialized : built.transactions()) {
      BitcoinTransaction tx = codec.decodeTransaction(serialized.bytes(), "builder");
      assertThat(tx.txid()).isEqualTo(serialized.txid());
      long in = 0;
      for (TxInput input : tx.inputs()) {
        TxOutput spent = unspent.remove(outpoint(input.previousTxid(), input.previousVout()));
        assertThat(spent).as("input spends an existing unspent output").isNotNull();
        assertUnlocks(input, spent.script());
        in += spent.value();
        spendsInBlock |= madeHere.contains(input.previousTxid());
      }
      long fee = in - tx.outputValue();
      assertThat(fee).isBetween(BulkTransactionBuilder.MIN_FEE, BulkTransactionBuilder.MAX_FEE);
      for (int vout = 0; vout < tx.outputs().size(); vout++) {
        TxOutput out = tx.outputs().get(vout);
        ScriptType type = classifier.classify(out.script()).type();
        types.merge(type, 1, Integer::sum);
        if (type == ScriptType.OP_RETURN) {
          assertThat(out.value()).isZero();
        } else {
          assertThat(out.value()).isGreaterThanOrEqualTo(BulkTransactionBuilder.MIN_OUTPUT_VALUE);
          assertThat(scripts.add(HEX.formatHex(out.script()))).as("every output has a script of its own").isTrue();
          unspent.put(outpoint(tx.txid(), vout), out);
        }
      }
      madeHere.add(tx.txid());
      split |= tx.inputs().size() == 1 && tx.outputs().size() == 2;
      merge |= tx.inputs().size() == 2 && tx.outputs().size() == 1;
      fanOut |= tx.outputs().size() >= BulkTransactionBuilder.MIN_FAN_OUT;
      weight += tx.weight();
    }
    assertThat(split && merge && fanOut && spendsInBlock).isTrue();
    assertThat(types).containsOnlyKeys(ScriptType.P2WSH, ScriptType.P2SH, ScriptType.OP_RETURN);
    assertThat(types.get(ScriptType.P2WSH)).isGreaterThan(2 * types.get(ScriptType.P2SH));
    assertThat(built.weight()).isEqualTo(weight).isLessThan(BulkTransactionBuilder.TRANSACTION_WEIGHT_BUDGET);

    // what remains spendable is exactly the unspent outputs the checks above tracked
    assertThat(built.spendableAfter()).hasSize(unspent.size());
    long value = 0;
    for (SpendableOutput o : built.spendableAfter()) {
      TxOutput out = unspent.get(outpoint(o.txid(), o.vout()));
      assertThat(out).isNotNull();
      assertThat(out.value()).isEqualTo(o.value());
      value += o.value();
    }
    builder.accept(built);
    assertThat(builder.spendableCount()).isEqualTo(unspent.size());
    assertThat(builder.spendableValue()).isEqualTo(value);
  }

  @Test
  void aSeedReplaysTheSameTransactions() {
    List<SerializedTransaction> a = builderWithCoinbases(3, 2).build(300).transactions();
    List<SerializedTransaction> b = builderWithCoinbases(3, 2).build(300).transactions();
    List<SerializedTransaction> c = builderWithCoinbases(4, 2).build(300).transactions();
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).bytes()).isEqualTo(b.get(i).bytes());
    }
    assertThat(a.get(0).bytes()).isNotEqualTo(c.get(0).bytes());
  }

  @Test
  void aBuildChangesNothingUntilAccepted() {
    BulkTransactionBuilder builder = builderWithCoinbases(5, 3);
    BulkTransactions first = builder.build(100);
    assertThat(builder.spendableCount()).isEqualTo(3);
    assertThat(builder.spendableValue()).isEqualTo(3 * COINBASE_VALUE);
    builder.accept(first);
    BulkTransactions second = builder.build(100);
    // the second block spends what the first made, not the coinbases again
    Set<Hash32> firstTxids = new HashSet<>();
    first.transactions().forEach(t -> firstTxids.add(t.txid()));
    BitcoinTransaction tx = codec.decodeTransaction(second.transactions().get(0).bytes(), "builder");
    assertThat(firstTxids).contains(tx.inputs().get(0).previousTxid());
    long fees = 3 * COINBASE_VALUE - builder.spendableValue();
    assertThat(fees).isBetween(100 * BulkTransactionBuilder.MIN_FEE, 100 * BulkTransactionBuilder.MAX_FEE);
  }

  @Test
  void refusesWhatDoesNotFitOrCannotBePaid() {
    assertThatThrownBy(() -> builderWithCoinbases(1, 20).build(7000))
        .isInstanceOf(BdsException.class)
        .hasMessageContaining("do not fit in a block")
        .satisfies(e -> assertThat(((BdsException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    BulkTransactionBuilder poor = new BulkTransactionBuilder(1);
    poor.addSpendable(new SpendableOutput(coinbaseTxid(0), 0, 3_000, SpendableOutput.Lock.P2WSH, AnyoneCanSpend.TRUE_SCRIPT));
    assertThatThrownBy(() -> poor.build(10)).isInstanceOf(BdsException.class).hasMessageContaining("no spendable outputs left");
    assertThat(poor.spendableCount()).isEqualTo(1);
  }

  /** The input reveals the script its output committed to, and that script leaves just "true" on the stack. */
  private void assertUnlocks(TxInput input, byte[] locking) {
    ScriptType type = classifier.classify(locking).type();
    byte[] script;
    if (type == ScriptType.P2WSH) {
      assertThat(input.scriptSig()).isEmpty();
      byte[] witness = input.witness();
      assertThat(witness[0]).as("one witness item").isEqualTo((byte) 1);
      script = Arrays.copyOfRange(witness, 2, 2 + (witness[1] & 0xff));
      assertThat(witness).hasSize(2 + script.length);
      assertThat(sha.single(script, 0, script.length)).isEqualTo(Arrays.copyOfRange(locking, 2, 34));
    } else {
      assertThat(type).isEqualTo(ScriptType.P2SH);
      assertThat(input.witnessItems()).isZero();
      byte[] scriptSig = input.scriptSig();
      script = Arrays.copyOfRange(scriptSig, 1, scriptSig.length);
      assertThat(scriptSig[0] & 0xff).isEqualTo(script.length);
      assertThat(Hash160.of(script, 0, script.length)).isEqualTo(Arrays.copyOfRange(locking, 2, 22));
    }
    if (script.length == 1) {
      assertThat(script).isEqualTo(AnyoneCanSpend.TRUE_SCRIPT);
    } else {
      assertThat(script).hasSize(AnyoneCanSpend.NONCE_SCRIPT_SIZE);
      assertThat(script[0]).isEqualTo((byte) 8);
      assertThat(Arrays.copyOfRange(script, 9, 11)).containsExactly(AnyoneCanSpend.OP_DROP, AnyoneCanSpend.OP_TRUE);
    }
  }

  private static BulkTransactionBuilder builderWithCoinbases(long seed, int coinbases) {
    BulkTransactionBuilder builder = new BulkTransactionBuilder(seed);
    for (int i = 0; i < coinbases; i++) {
      builder.addSpendable(new SpendableOutput(coinbaseTxid(i), 0, COINBASE_VALUE, SpendableOutput.Lock.P2WSH, AnyoneCanSpend.TRUE_SCRIPT));
    }
    return builder;
  }

  private static Hash32 coinbaseTxid(int i) {
    byte[] id = new byte[32];
    id[0] = (byte) (i + 1);
    return Hash32.of(id);
  }

  private static String outpoint(Hash32 txid, long vout) {
    return txid.toHex() + ":" + vout;
  }
}
