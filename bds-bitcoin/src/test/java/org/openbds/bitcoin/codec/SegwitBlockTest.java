package org.openbds.bitcoin.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.bitcoin.codec.BitcoinBlockCodecErrorTest.assertMalformed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;
import org.openbds.api.RealData;

/**
 * Mainnet block 481829, five blocks after segwit activated: only its coinbase carries a witness (the 32-byte reserved
 * value). The expected figures were worked out from the raw bytes by a separate script, not by this codec: the
 * coinbase is 262 bytes with its witness and 226 without marker, flag and witness, so its weight is 226 * 3 + 262 =
 * 940 and its virtual size ceil(940 / 4) = 235; the block is 998,318 bytes, 998,282 stripped, weight 3,993,164.
 */
class SegwitBlockTest {
  private static final String ORIGIN = "test-block.dat";
  private static final int COINBASE_START = 80 + 3; // header, then 2020 transactions as fd e407

  private static byte[] data;
  private static BitcoinBlock block;

  @BeforeAll
  static void decode() throws IOException {
    data = Files.readAllBytes(RealData.dir("bitcoin-mainnet-raw").resolve("block481829.dat"));
    block = new BitcoinBlockCodec(false).decodeBlock(data, 481829, ORIGIN);
  }

  @Test
  void blockSizes() {
    assertThat(block.size()).isEqualTo(998_318);
    assertThat(block.strippedSize()).isEqualTo(998_282);
    assertThat(block.weight()).isEqualTo(3_993_164);
  }

  @Test
  void coinbaseIsTheOnlyWitnessTransaction() {
    List<BitcoinTransaction> withWitness =
        block.transactions().stream().filter(BitcoinTransaction::hasWitness).toList();
    assertThat(withWitness).containsExactly(block.transactions().get(0));

    BitcoinTransaction coinbase = block.transactions().get(0);
    assertThat(coinbase.isCoinbase()).isTrue();
    assertThat(coinbase.txid().toHex()).isEqualTo("9c1ab453283035800c43eb6461eb46682b81be110a0cb89ee923882a5fd9daa4");
    assertThat(coinbase.wtxid().toHex()).isEqualTo("2bbda73aa4e561e7f849703994cc5e563e4bcf103fb0f6fef5ae44c95c7b83a6");
    assertThat(coinbase.size()).isEqualTo(262);
    assertThat(coinbase.baseSize()).isEqualTo(226);
    assertThat(coinbase.weight()).isEqualTo(940);
    assertThat(coinbase.virtualSize()).isEqualTo(235);
    assertThat(coinbase.inputs().get(0).witnessItems()).isEqualTo(1);
    assertThat(coinbase.inputs().get(0).witness()).hasSize(34).startsWith(1, 32);
  }

  @Test
  void sizesAndIdsAgreeWithAReserialization() {
    // rebuild each transaction's two serializations from the decoded fields and hash them here
    for (BitcoinTransaction tx : block.transactions()) {
      byte[] stripped = serialize(tx, false);
      assertThat(stripped).hasSize(tx.baseSize());
      assertThat(Hash32.fromWireOrder(TestBlocks.doubleSha256(stripped), 0)).isEqualTo(tx.txid());
      byte[] full = serialize(tx, true);
      assertThat(full).hasSize(tx.size());
      assertThat(Hash32.fromWireOrder(TestBlocks.doubleSha256(full), 0)).isEqualTo(tx.wtxid());
      if (!tx.hasWitness()) {
        assertThat(tx.wtxid()).isEqualTo(tx.txid());
        assertThat(tx.weight()).isEqualTo(4 * tx.size());
        assertThat(tx.virtualSize()).isEqualTo(tx.size());
      }
    }
    assertThat(block.transactions().stream().mapToInt(BitcoinTransaction::size).sum() + 83).isEqualTo(block.size());
    assertThat(block.transactions().stream().mapToInt(BitcoinTransaction::baseSize).sum() + 83)
        .isEqualTo(block.strippedSize());
  }

  @Test
  void theCoinbaseAloneDecodesTheSame() {
    byte[] raw = Arrays.copyOfRange(data, COINBASE_START, COINBASE_START + 262);
    BitcoinTransaction tx = new BitcoinBlockCodec(false).decodeTransaction(raw, ORIGIN);
    BitcoinTransaction inBlock = block.transactions().get(0);
    assertThat(tx.txid()).isEqualTo(inBlock.txid());
    assertThat(tx.wtxid()).isEqualTo(inBlock.wtxid());
    assertThat(tx.weight()).isEqualTo(940);
  }

  @Test
  void damagedWitnessReservedValueBreaksTheCommitment() {
    byte[] damaged = data.clone();
    damaged[COINBASE_START + 262 - 4 - 1] ^= 0x01; // last byte of the reserved value, just before the lock time
    assertMalformed(
        () -> new BitcoinBlockCodec(false).decodeBlock(damaged, 481829, ORIGIN),
        "witness commitment mismatch (corrupt witness data)");
  }

  @Test
  void truncatedInsideTheWitness() {
    for (int cut : new int[] {COINBASE_START + 262 - 20, COINBASE_START + 262 - 3, data.length / 2, data.length - 1}) {
      byte[] truncated = Arrays.copyOf(data, cut);
      assertMalformed(() -> new BitcoinBlockCodec(false).decodeBlock(truncated, 481829, ORIGIN), "");
    }
  }

  /** Consensus serialization of a decoded transaction, with marker, flag and witnesses when {@code withWitness}. */
  private static byte[] serialize(BitcoinTransaction tx, boolean withWitness) {
    boolean witness = withWitness && tx.hasWitness();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    uint32(out, tx.version());
    if (witness) {
      out.write(0);
      out.write(1);
    }
    compactSize(out, tx.inputs().size());
    for (TxInput in : tx.inputs()) {
      byte[] prev = new byte[32];
      in.previousTxid().writeWireOrder(prev, 0);
      out.writeBytes(prev);
      uint32(out, in.previousVout());
      compactSize(out, in.scriptSig().length);
      out.writeBytes(in.scriptSig());
      uint32(out, in.sequence());
    }
    compactSize(out, tx.outputs().size());
    for (TxOutput o : tx.outputs()) {
      uint32(out, o.value());
      uint32(out, o.value() >>> 32);
      compactSize(out, o.script().length);
      out.writeBytes(o.script());
    }
    if (witness) {
      for (TxInput in : tx.inputs()) {
        out.writeBytes(in.witness() == null ? new byte[] {0} : in.witness());
      }
    }
    uint32(out, tx.lockTime());
    return out.toByteArray();
  }

  private static void uint32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  private static void compactSize(ByteArrayOutputStream out, long n) {
    if (n < 0xfd) {
      out.write((int) n);
    } else if (n <= 0xffff) {
      out.write(0xfd);
      out.write((int) n & 0xff);
      out.write((int) (n >>> 8) & 0xff);
    } else {
      out.write(0xfe);
      uint32(out, n);
    }
  }
}
