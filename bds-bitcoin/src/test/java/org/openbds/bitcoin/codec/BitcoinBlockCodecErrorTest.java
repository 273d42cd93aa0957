package org.openbds.bitcoin.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.openbds.bitcoin.codec.TestBlocks.COINBASE;
import static org.openbds.bitcoin.codec.TestBlocks.HEX;
import static org.openbds.bitcoin.codec.TestBlocks.SPEND;
import static org.openbds.bitcoin.codec.TestBlocks.SPEND_SCRIPT_LENGTH;
import static org.openbds.bitcoin.codec.TestBlocks.SPEND_START;
import static org.openbds.bitcoin.codec.TestBlocks.block;
import static org.openbds.bitcoin.codec.TestBlocks.concat;
import static org.openbds.bitcoin.codec.TestBlocks.slice;

import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Broken input must fail as {@link ErrorCode#MALFORMED_BLOCK} naming where the bytes came from and the byte offset,
 * whatever the damage; never as another exception type and never as a silently different block.
 */
class BitcoinBlockCodecErrorTest {
  private static final String ORIGIN = "test-block.dat";

  private final BitcoinBlockCodec codec = new BitcoinBlockCodec(false);
  private final BitcoinBlockCodec mwebCodec = new BitcoinBlockCodec(true);

  @Test
  void theTestBlockIsValid() {
    byte[] data = TestBlocks.twoTransactionBlock();
    BitcoinBlock block = codec.decodeBlock(data, 7, ORIGIN);
    assertThat(block.transactions()).hasSize(2);
    assertThat(block.transactions().get(0).txid().toHex())
        .isEqualTo("e1882d41800d96d0fddc196cd8d3f0b45d65b030c652d97eaba79a1174e64d58");
    assertThat(block.transactions().get(1).txid().toHex())
        .isEqualTo("f84761459a00c6df3176ae5d94c99e69f25100d09548e5686bd0c354bb8cc60a");
    assertThat(block.size()).isEqualTo(data.length).isEqualTo(80 + 1 + 135 + 158);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 40, 79, 80, 81, 83, 85, 100, 123, 135, 200, 215, 216, 260, 300, 344, 370, 373})
  void truncatedBlock(int cut) {
    byte[] data = TestBlocks.twoTransactionBlock();
    assertMalformed(() -> codec.decodeBlock(Arrays.copyOf(data, cut), 7, ORIGIN), "");
  }

  @Test
  void everyTruncationFailsCleanly() {
    byte[] data = TestBlocks.twoTransactionBlock();
    for (int cut = 0; cut < data.length; cut++) {
      byte[] truncated = Arrays.copyOf(data, cut);
      assertMalformed(() -> codec.decodeBlock(truncated, 7, ORIGIN), "");
      assertMalformed(() -> mwebCodec.decodeBlock(truncated, 7, ORIGIN), "");
    }
  }

  @Test
  void truncationMessagesSayWhere() {
    byte[] data = TestBlocks.twoTransactionBlock();
    assertMalformed(() -> codec.decodeBlock(Arrays.copyOf(data, 50), 7, ORIGIN), "block is only 50 bytes");
    // the spend's scriptSig announces 73 bytes; cut inside it
    assertMalformed(
        () -> codec.decodeBlock(Arrays.copyOf(data, SPEND_SCRIPT_LENGTH + 10), 7, ORIGIN),
        "exceeds the 9 bytes left (truncated or corrupt) (at byte " + (SPEND_SCRIPT_LENGTH + 1) + ")");
  }

  @Test
  void flippedByteInATransactionIsAMerkleMismatch() {
    byte[] data = TestBlocks.twoTransactionBlock();
    data[SPEND_START + SPEND.length - 10] ^= 0x01; // inside the key hash of the spend's output script
    assertMalformed(() -> codec.decodeBlock(data, 7, ORIGIN), "merkle root mismatch");
  }

  @Test
  void everyFlippedByteAfterTheHeaderIsRejected() {
    byte[] original = TestBlocks.twoTransactionBlock();
    for (int p = 0; p < original.length; p++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] data = original.clone();
        data[p] ^= (byte) mask;
        if (p < 80 && (p < 36 || p >= 68)) {
          // version, parent, time, bits and nonce are not checked here: a different but well-formed header
          assertThat(codec.decodeBlock(data, 7, ORIGIN).transactions()).hasSize(2);
        } else {
          assertMalformed(() -> codec.decodeBlock(data, 7, ORIGIN), "");
        }
      }
    }
  }

  @Test
  void implausibleOrOversizedCounts() {
    assertMalformed(() -> codec.decodeBlock(block(new byte[] {0}), 7, ORIGIN), "implausible transaction count 0");
    assertMalformed(
        () -> codec.decodeBlock(block(HEX.parseHex("ff0000000001000000"), COINBASE), 7, ORIGIN),
        "implausible transaction count");
    assertMalformed(
        () -> codec.decodeBlock(block(HEX.parseHex("fdffff"), COINBASE), 7, ORIGIN), "(truncated or corrupt)");

    // input count 2^32 - 1 in the spend
    byte[] hugeInputs = concat(slice(SPEND, 0, 4), HEX.parseHex("feffffffff"), slice(SPEND, 5, SPEND.length));
    assertMalformed(() -> codec.decodeTransaction(hugeInputs, ORIGIN), "implausible input count 4294967295");
    // a scriptSig length of 65535 and one of 2^64 - 1
    byte[] longScript = concat(slice(SPEND, 0, 41), HEX.parseHex("fdffff"), slice(SPEND, 42, SPEND.length));
    assertMalformed(() -> codec.decodeTransaction(longScript, ORIGIN), "length 65535 exceeds");
    byte[] hugeScript =
        concat(slice(SPEND, 0, 41), HEX.parseHex("ffffffffffffffffff"), slice(SPEND, 42, SPEND.length));
    assertMalformed(() -> codec.decodeTransaction(hugeScript, ORIGIN), "variable-length integer out of range");
  }

  @Test
  void nonCanonicalLengthsAreRejected() {
    // Nodes refuse a compact size written longer than it needs to be ("non-canonical ReadCompactSize()"). Accepting
    // one would also make our stripped size and weight wrong, since they assume the canonical width.
    assertMalformed(
        () -> codec.decodeBlock(block(HEX.parseHex("fd0200"), COINBASE, SPEND), 7, ORIGIN),
        "non-canonical variable-length integer");
    for (String scriptLength : new String[] {"fd4900", "fe49000000", "ff4900000000000000"}) {
      byte[] tx = concat(slice(SPEND, 0, 41), HEX.parseHex(scriptLength), slice(SPEND, 42, SPEND.length));
      assertMalformed(() -> codec.decodeTransaction(tx, ORIGIN), "non-canonical variable-length integer");
      // also inside a block whose merkle root was computed over exactly those bytes
      assertMalformed(
          () -> codec.decodeBlock(block(new byte[] {2}, COINBASE, tx), 7, ORIGIN),
          "non-canonical variable-length integer");
    }
    // the largest value of each width is still fine: 0xfc in one byte, 0xfd in three
    assertThat(BitcoinBlockCodec.varIntSize(0xfc)).isEqualTo(1);
    assertThat(BitcoinBlockCodec.varIntSize(0xfd)).isEqualTo(3);
    assertThat(BitcoinBlockCodec.varIntSize(0x10000)).isEqualTo(5);
    assertThat(BitcoinBlockCodec.varIntSize(0x100000000L)).isEqualTo(9);
  }

  @Test
  void trailingGarbage() {
    byte[] data = TestBlocks.twoTransactionBlock();
    byte[] oneMore = Arrays.copyOf(data, data.length + 1);
    assertMalformed(() -> codec.decodeBlock(oneMore, 7, ORIGIN), "1 bytes after the last transaction");
    byte[] padded = Arrays.copyOf(data, data.length + 100);
    assertMalformed(() -> codec.decodeBlock(padded, 7, ORIGIN), "100 bytes after the last transaction");
    // Litecoin's codec allows extension data only after an MWEB HogEx transaction
    assertMalformed(() -> mwebCodec.decodeBlock(padded, 7, ORIGIN), "100 bytes after the last transaction");
    byte[] tx = Arrays.copyOf(SPEND, SPEND.length + 3);
    assertMalformed(() -> codec.decodeTransaction(tx, ORIGIN), "3 bytes after the transaction");
  }

  @Test
  void witnessFlagWithOnlyEmptyWitnesses() {
    // version | marker 00 flag 01 | inputs and outputs | one empty witness stack | lock time
    byte[] tx =
        concat(
            slice(SPEND, 0, 4),
            HEX.parseHex("0001"),
            slice(SPEND, 4, SPEND.length - 4),
            new byte[] {0},
            slice(SPEND, SPEND.length - 4, SPEND.length));
    assertMalformed(() -> codec.decodeTransaction(tx, ORIGIN), "witness flag set but every witness is empty");
    assertMalformed(
        () -> codec.decodeBlock(block(new byte[] {2}, COINBASE, tx), 7, ORIGIN),
        "witness flag set but every witness is empty");
  }

  @Test
  void unknownSerializationFlags() {
    byte[] tx = concat(slice(SPEND, 0, 4), HEX.parseHex("0002"), slice(SPEND, 4, SPEND.length));
    assertMalformed(() -> codec.decodeTransaction(tx, ORIGIN), "unknown transaction serialization flags 0x2");
    // flag 8 (MWEB) is Litecoin's, and even there a canonical transaction carries no MWEB body
    byte[] mweb =
        concat(
            slice(SPEND, 0, 4),
            HEX.parseHex("0008"),
            slice(SPEND, 4, SPEND.length - 4),
            new byte[] {1},
            slice(SPEND, SPEND.length - 4, SPEND.length));
    assertMalformed(() -> codec.decodeTransaction(mweb, ORIGIN), "unknown transaction serialization flags 0x8");
    assertMalformed(() -> mwebCodec.decodeTransaction(mweb, ORIGIN), "MWEB transaction bodies");
  }

  @Test
  void negativeOutputValue() {
    byte[] tx = SPEND.clone();
    int valueEnd = SPEND.length - 4 - 26; // lock time, then the 26-byte script with its length
    tx[valueEnd - 1] = (byte) 0x80;
    assertMalformed(() -> codec.decodeTransaction(tx, ORIGIN), "negative output value");
  }

  @Test
  void emptyInput() {
    assertMalformed(() -> codec.decodeBlock(new byte[0], 7, ORIGIN), "block is only 0 bytes");
    assertMalformed(() -> codec.decodeTransaction(new byte[0], ORIGIN), "");
    assertMalformed(() -> codec.decodeTransaction(Arrays.copyOf(COINBASE, 5), ORIGIN), "");
  }

  static void assertMalformed(ThrowingCallable call, String reason) {
    Throwable t = catchThrowable(call);
    assertThat(t).isExactlyInstanceOf(BdsException.class);
    BdsException e = (BdsException) t;
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
    assertThat(e.getMessage()).startsWith(ORIGIN + ": ").containsPattern("\\(at byte \\d+\\)").contains(reason);
  }
}
