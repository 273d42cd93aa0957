package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.Hash32;
import org.openbds.api.RealData;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;

class BlockSerializerTest {
  private final BlockSerializer serializer = new BlockSerializer();
  private final BitcoinBlockCodec codec = new BitcoinBlockCodec(false);

  /** Decoding a real block and serializing it again gives back the same bytes, ids and roots. */
  @ParameterizedTest
  @ValueSource(strings = {"block169482.dat", "block363703.dat", "block481815.dat", "block481829.dat"})
  void reproducesMainnetBlocksByteForByte(String file) throws IOException {
    byte[] data = Files.readAllBytes(RealData.dir("bitcoin-mainnet-raw").resolve(file));
    BitcoinBlock block = codec.decodeBlock(data, 0, file);

    List<SerializedTransaction> txs = new ArrayList<>();
    for (BitcoinTransaction tx : block.transactions()) {
      SerializedTransaction s = serializer.serializeTransaction(tx.version(), tx.inputs(), tx.outputs(), tx.lockTime());
      assertThat(s.txid()).isEqualTo(tx.txid());
      assertThat(s.wtxid()).isEqualTo(tx.wtxid());
      assertThat(s.hasWitness()).isEqualTo(tx.hasWitness());
      assertThat(s.bytes()).hasSize(tx.size());
      txs.add(s);
    }
    byte[] header = Arrays.copyOf(data, 80);
    assertThat(serializer.serializeBlock(header, txs)).isEqualTo(data);
    assertThat(serializer.blockHash(header)).isEqualTo(block.hash());
    assertThat(serializer.merkleRoot(txs.stream().map(SerializedTransaction::txid).toList()))
        .isEqualTo(block.header().merkleRoot());
    var h = block.header();
    assertThat(serializer.serializeHeader(h.version(), h.previousHash(), h.merkleRoot(), h.time(), h.bits(), h.nonce()))
        .isEqualTo(header);
  }

  @Test
  void recomputesTheWitnessCommitmentOfASegwitMainnetBlock() throws IOException {
    byte[] data = Files.readAllBytes(RealData.dir("bitcoin-mainnet-raw").resolve("block481829.dat"));
    BitcoinBlock block = codec.decodeBlock(data, 481829, "block481829.dat");
    BitcoinTransaction coinbase = block.transactions().get(0);
    byte[] reserved = Arrays.copyOfRange(coinbase.inputs().get(0).witness(), 2, 34);

    Hash32 root = serializer.witnessMerkleRoot(block.transactions().stream().map(BitcoinTransaction::wtxid).toList());
    byte[] script = serializer.witnessCommitmentScript(root, reserved);

    assertThat(coinbase.outputs()).extracting(TxOutput::script).anySatisfy(s -> assertThat(s).isEqualTo(script));
  }

  @Test
  void buildsSegwitAndLegacyBlocksTheCodecAccepts() {
    byte[] reserved = new byte[32];
    TxInput spend =
        new TxInput(Hash32.parse("11".repeat(32)), 3, new byte[0], 0xfffffffdL, 2,
            BlockSerializer.witnessStack(new byte[72], new byte[33]));
    TxInput legacySpend = new TxInput(Hash32.parse("22".repeat(32)), 0, new byte[] {1, 2}, 0xffffffffL, 0, null);
    SerializedTransaction segwitTx =
        serializer.serializeTransaction(2, List.of(spend, legacySpend), List.of(new TxOutput(1000, new byte[] {0x51})), 0);
    SerializedTransaction legacyTx =
        serializer.serializeTransaction(1, List.of(legacySpend), List.of(new TxOutput(5, new byte[] {0x51})), 7);
    assertThat(segwitTx.hasWitness()).isTrue();
    assertThat(segwitTx.wtxid()).isNotEqualTo(segwitTx.txid());
    assertThat(legacyTx.wtxid()).isEqualTo(legacyTx.txid());

    // segwit block: commitment in the coinbase, reserved value as its witness
    Hash32 witnessRoot = serializer.witnessMerkleRoot(List.of(Hash32.ZERO, segwitTx.wtxid(), legacyTx.wtxid()));
    SerializedTransaction coinbase =
        coinbase(List.of(new TxOutput(50, new byte[] {0x51}), new TxOutput(0, serializer.witnessCommitmentScript(witnessRoot, reserved))),
            BlockSerializer.witnessStack(reserved));
    BitcoinBlock decoded = decode(List.of(coinbase, segwitTx, legacyTx));
    assertThat(decoded.transactions()).extracting(BitcoinTransaction::txid)
        .containsExactly(coinbase.txid(), segwitTx.txid(), legacyTx.txid());
    assertThat(decoded.transactions().get(1).inputs().get(1).witness()).isNull();

    // legacy block: no commitment needed
    SerializedTransaction plainCoinbase = coinbase(List.of(new TxOutput(50, new byte[] {0x51})), null);
    assertThat(decode(List.of(plainCoinbase, legacyTx)).transactions()).noneMatch(BitcoinTransaction::hasWitness);
  }

  @Test
  void lengthPrefixesGrowPastOneByte() {
    ByteSink sink = new ByteSink(4);
    sink.writeByte(9);
    int mark = sink.beginLengthPrefixed();
    for (int i = 0; i < 300; i++) {
      sink.writeByte(i);
    }
    sink.endLengthPrefixed(mark);
    byte[] b = sink.toByteArray();
    assertThat(b).hasSize(1 + 3 + 300);
    assertThat(Arrays.copyOf(b, 4)).containsExactly(9, 0xfd, 300 & 0xff, 300 >>> 8);
    assertThat(b[4]).isEqualTo((byte) 0);
    assertThat(b[303]).isEqualTo((byte) 299);
  }

  private SerializedTransaction coinbase(List<TxOutput> outputs, byte[] witness) {
    TxInput in = new TxInput(Hash32.ZERO, TxInput.COINBASE_VOUT, new byte[] {1, 1}, 0xffffffffL, witness == null ? 0 : 1, witness);
    return serializer.serializeTransaction(2, List.of(in), outputs, 0);
  }

  private BitcoinBlock decode(List<SerializedTransaction> txs) {
    Hash32 root = serializer.merkleRoot(txs.stream().map(SerializedTransaction::txid).toList());
    byte[] header = serializer.serializeHeader(0x20000000, Hash32.ZERO, root, 1_704_067_200L, 0x207fffffL, 1);
    BitcoinBlock block = codec.decodeBlock(serializer.serializeBlock(header, txs), 1, "test block");
    assertThat(block.header().merkleRoot()).isEqualTo(root);
    return block;
  }
}
