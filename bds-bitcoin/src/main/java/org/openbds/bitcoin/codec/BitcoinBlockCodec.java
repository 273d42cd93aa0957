package org.openbds.bitcoin.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Decodes blocks and transactions in Bitcoin consensus serialization, with or without segregated witness. Every block
 * is checked: its merkle root must recompute from the transactions and, when it carries witness data, its witness
 * commitment must match; anything else is a {@link ErrorCode#MALFORMED_BLOCK} naming the block and byte offset.
 *
 * <p>Not thread-safe (it holds a hasher); use one instance per thread.
 */
public final class BitcoinBlockCodec {
  public static final int HEADER_SIZE = 80;
  private static final int MAX_ITEMS = 1 << 24;

  private final boolean allowMweb;
  private final boolean retainWitnesses;
  private final DoubleSha256 sha = new DoubleSha256();

  /** @param allowMweb whether Litecoin's MWEB extension (transaction flag 8, block extension data) may appear */
  public BitcoinBlockCodec(boolean allowMweb) {
    this(allowMweb, true);
  }

  /**
   * @param allowMweb whether Litecoin's MWEB extension (transaction flag 8, block extension data) may appear
   * @param retainWitnesses whether to keep every input's witness bytes; when false only coinbase witnesses are kept
   *     (the witness commitment needs them) and other inputs report their item count only, which saves copying
   *     most of a segwit block's bytes when nobody stores them
   */
  public BitcoinBlockCodec(boolean allowMweb, boolean retainWitnesses) {
    this.allowMweb = allowMweb;
    this.retainWitnesses = retainWitnesses;
  }

  /** Reads the 80-byte header at {@code offset} and hashes it. */
  public BlockHeader decodeHeader(byte[] data, int offset) {
    if (data.length - offset < HEADER_SIZE) {
      throw new BdsException(
          ErrorCode.MALFORMED_BLOCK, "a header needs 80 bytes, " + (data.length - offset) + " left (truncated)");
    }
    byte[] hash = sha.hash(data, offset, HEADER_SIZE);
    return new BlockHeader(
        Hash32.fromWireOrder(hash, 0),
        (int) uint32(data, offset),
        Hash32.fromWireOrder(data, offset + 4),
        Hash32.fromWireOrder(data, offset + 36),
        uint32(data, offset + 68),
        uint32(data, offset + 72),
        uint32(data, offset + 76));
  }

  /**
   * Decodes a whole block. {@code origin} names where it came from for error messages.
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_BLOCK} when the bytes are not a valid block
   */
  public BitcoinBlock decodeBlock(byte[] data, long height, String origin) {
    Reader r = new Reader(data, 0, data.length, origin);
    try {
      if (data.length < HEADER_SIZE + 1) {
        throw r.error("block is only " + data.length + " bytes");
      }
      BlockHeader header = decodeHeader(data, 0);
      r.pos = HEADER_SIZE;
      long count = r.varInt();
      if (count < 1 || count > MAX_ITEMS) {
        throw r.error("implausible transaction count " + count);
      }
      List<BitcoinTransaction> txs = new ArrayList<>((int) count);
      int strippedSize = HEADER_SIZE + varIntSize(count);
      boolean lastHadMweb = false;
      for (int i = 0; i < count; i++) {
        int start = r.pos;
        BitcoinTransaction tx = readTransaction(r);
        lastHadMweb = r.lastTxMweb;
        txs.add(tx);
        strippedSize += tx.baseSize();
        if (r.pos - start != tx.size()) {
          throw new IllegalStateException("size bookkeeping");
        }
      }
      int size = r.pos;
      if (r.pos != data.length) {
        if (allowMweb && lastHadMweb) {
          // Litecoin's HogEx transaction is followed by the MWEB extension block, which is not part of the canonical
          // transactions; its bytes count towards the serialized size.
          size = data.length;
        } else {
          throw r.error((data.length - r.pos) + " bytes after the last transaction");
        }
      }
      checkMerkleRoot(header, txs, r);
      checkWitnessCommitment(txs, r);
      return new BitcoinBlock(height, header, List.copyOf(txs), size, strippedSize);
    } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw r.error("block ends early (truncated or corrupt)");
    }
  }

  /** Decodes one serialized transaction that fills {@code data} exactly. */
  public BitcoinTransaction decodeTransaction(byte[] data, String origin) {
    Reader r = new Reader(data, 0, data.length, origin);
    try {
      BitcoinTransaction tx = readTransaction(r);
      if (r.pos != data.length) {
        throw r.error((data.length - r.pos) + " bytes after the transaction");
      }
      return tx;
    } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
      throw r.error("transaction ends early (truncated or corrupt)");
    }
  }

  private BitcoinTransaction readTransaction(Reader r) {
    byte[] d = r.data;
    int start = r.pos;
    int version = (int) r.uint32();
    int flags = 0;
    r.need(2);
    if (d[r.pos] == 0 && d[r.pos + 1] != 0) {
      flags = d[r.pos + 1] & 0xff;
      r.pos += 2;
      int known = allowMweb ? 0x09 : 0x01;
      if ((flags & ~known) != 0) {
        throw r.error("unknown transaction serialization flags 0x" + Integer.toHexString(flags));
      }
    }
    int bodyStart = r.pos;
    long inCount = r.varInt();
    if (inCount > MAX_ITEMS || inCount > r.remaining()) {
      throw r.error("implausible input count " + inCount);
    }
    Hash32[] prevTxids = new Hash32[(int) inCount];
    long[] prevVouts = new long[(int) inCount];
    byte[][] scriptSigs = new byte[(int) inCount][];
    long[] sequences = new long[(int) inCount];
    for (int i = 0; i < inCount; i++) {
      prevTxids[i] = Hash32.fromWireOrder(d, r.need(36));
      r.pos += 32;
      prevVouts[i] = r.uint32();
      scriptSigs[i] = r.bytes(r.length());
      sequences[i] = r.uint32();
    }
    long outCount = r.varInt();
    if (outCount > MAX_ITEMS || outCount > r.remaining()) {
      throw r.error("implausible output count " + outCount);
    }
    List<TxOutput> outputs = new ArrayList<>((int) outCount);
    for (int i = 0; i < outCount; i++) {
      long value = r.int64();
      if (value < 0) {
        throw r.error("negative output value " + value);
      }
      outputs.add(new TxOutput(value, r.bytes(r.length())));
    }
    int bodyEnd = r.pos;
    byte[][] witnesses = new byte[(int) inCount][];
    int[] witnessItems = new int[(int) inCount];
    boolean hasWitness = false;
    if ((flags & 1) != 0) {
      boolean keep =
          retainWitnesses || (inCount == 1 && prevVouts[0] == TxInput.COINBASE_VOUT && prevTxids[0].isZero());
      for (int i = 0; i < inCount; i++) {
        int wStart = r.pos;
        long items = r.varInt();
        if (items > MAX_ITEMS || items > r.remaining()) {
          throw r.error("implausible witness item count " + items);
        }
        for (long k = 0; k < items; k++) {
          r.skip(r.length());
        }
        witnessItems[i] = (int) items;
        if (items > 0) {
          hasWitness = true;
          if (keep) {
            witnesses[i] = Arrays.copyOfRange(d, wStart, r.pos);
          }
        }
      }
    }
    r.lastTxMweb = false;
    if ((flags & 8) != 0) {
      int present = d[r.pos++] & 0xff;
      if (present != 0) {
        throw r.error("MWEB transaction bodies inside canonical transactions are not supported");
      }
      r.lastTxMweb = true;
    }
    int extraEnd = r.pos;
    long lockTime = r.uint32();
    int end = r.pos;

    // txid: version | inputs and outputs | lock time, without marker, flag, witness and extension data
    byte[] id = new byte[32];
    sha.update(d, start, 4);
    sha.update(d, bodyStart, bodyEnd - bodyStart);
    sha.update(d, extraEnd, 4);
    sha.finish(id, 0);
    Hash32 txid = Hash32.fromWireOrder(id, 0);
    Hash32 wtxid = txid;
    int size = end - start;
    int baseSize = 4 + (bodyEnd - bodyStart) + 4;
    if (flags != 0) {
      byte[] w = new byte[32];
      sha.update(d, start, size);
      sha.finish(w, 0);
      wtxid = Hash32.fromWireOrder(w, 0);
    }
    if ((flags & 1) != 0 && !hasWitness) {
      // nodes reject a witness flag whose witness stacks are all empty ("superfluous witness record")
      throw r.error("witness flag set but every witness is empty");
    }
    List<TxInput> inputs = new ArrayList<>((int) inCount);
    for (int i = 0; i < inCount; i++) {
      inputs.add(new TxInput(prevTxids[i], prevVouts[i], scriptSigs[i], sequences[i], witnessItems[i], witnesses[i]));
    }
    return new BitcoinTransaction(
        txid, wtxid, version, lockTime, List.copyOf(inputs), List.copyOf(outputs), size, baseSize, hasWitness);
  }

  private void checkMerkleRoot(BlockHeader header, List<BitcoinTransaction> txs, Reader r) {
    byte[] root = merkleRoot(txs, false);
    if (!Hash32.fromWireOrder(root, 0).equals(header.merkleRoot())) {
      throw r.error(
          "merkle root mismatch: header says "
              + header.merkleRoot()
              + ", transactions give "
              + Hash32.fromWireOrder(root, 0)
              + " (corrupt transaction data)");
    }
  }

  private void checkWitnessCommitment(List<BitcoinTransaction> txs, Reader r) {
    boolean anyWitness = false;
    for (BitcoinTransaction tx : txs) {
      anyWitness |= tx.hasWitness();
    }
    if (!anyWitness) {
      return;
    }
    BitcoinTransaction coinbase = txs.get(0);
    byte[] commitment = null;
    for (TxOutput out : coinbase.outputs()) {
      byte[] s = out.script();
      if (s.length >= 38
          && (s[0] & 0xff) == 0x6a
          && (s[1] & 0xff) == 0x24
          && (s[2] & 0xff) == 0xaa
          && (s[3] & 0xff) == 0x21
          && (s[4] & 0xff) == 0xa9
          && (s[5] & 0xff) == 0xed) {
        commitment = Arrays.copyOfRange(s, 6, 38);
      }
    }
    if (commitment == null) {
      throw r.error("transactions carry witness data but the coinbase has no witness commitment");
    }
    byte[] reserved = coinbaseWitnessReserved(coinbase);
    if (reserved == null) {
      throw r.error("coinbase witness reserved value missing");
    }
    byte[] witnessRoot = merkleRoot(txs, true);
    byte[] buf = new byte[64];
    System.arraycopy(witnessRoot, 0, buf, 0, 32);
    System.arraycopy(reserved, 0, buf, 32, 32);
    byte[] expected = sha.hash(buf, 0, 64);
    if (!Arrays.equals(expected, commitment)) {
      throw r.error("witness commitment mismatch (corrupt witness data)");
    }
  }

  private static byte[] coinbaseWitnessReserved(BitcoinTransaction coinbase) {
    byte[] w = coinbase.inputs().get(0).witness();
    // one item of exactly 32 bytes: varint 1, varint 32, 32 bytes
    if (w == null || w.length != 34 || w[0] != 1 || w[1] != 32) {
      return null;
    }
    return Arrays.copyOfRange(w, 2, 34);
  }

  /** The merkle root in wire order over txids, or over wtxids (coinbase as zero) when {@code witness}. */
  private byte[] merkleRoot(List<BitcoinTransaction> txs, boolean witness) {
    int n = txs.size();
    byte[] level = new byte[n * 32];
    for (int i = 0; i < n; i++) {
      BitcoinTransaction tx = txs.get(i);
      if (witness && i == 0) {
        continue;
      }
      (witness ? tx.wtxid() : tx.txid()).writeWireOrder(level, i * 32);
    }
    byte[] pair = new byte[64];
    while (n > 1) {
      int next = (n + 1) / 2;
      for (int i = 0; i < next; i++) {
        int left = 2 * i;
        int right = Math.min(left + 1, n - 1);
        System.arraycopy(level, left * 32, pair, 0, 32);
        System.arraycopy(level, right * 32, pair, 32, 32);
        sha.update(pair, 0, 64);
        sha.finish(level, i * 32);
      }
      n = next;
    }
    return Arrays.copyOf(level, 32);
  }

  static long uint32(byte[] d, int p) {
    return (d[p] & 0xffL) | (d[p + 1] & 0xffL) << 8 | (d[p + 2] & 0xffL) << 16 | (d[p + 3] & 0xffL) << 24;
  }

  public static int varIntSize(long n) {
    return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;
  }

  /** A cursor over one block or transaction; errors name the origin and byte offset. */
  private static final class Reader {
    final byte[] data;
    final int limit;
    final String origin;
    int pos;
    boolean lastTxMweb;

    Reader(byte[] data, int pos, int limit, String origin) {
      this.data = data;
      this.pos = pos;
      this.limit = limit;
      this.origin = origin;
    }

    BdsException error(String reason) {
      return new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": " + reason + " (at byte " + pos + ")");
    }

    int remaining() {
      return limit - pos;
    }

    int need(int n) {
      if (n > limit - pos) {
        throw error("needs " + n + " more bytes, only " + (limit - pos) + " left (truncated or corrupt)");
      }
      return pos;
    }

    long uint32() {
      need(4);
      long v = BitcoinBlockCodec.uint32(data, pos);
      pos += 4;
      return v;
    }

    long int64() {
      need(8);
      long v = BitcoinBlockCodec.uint32(data, pos) | BitcoinBlockCodec.uint32(data, pos + 4) << 32;
      pos += 8;
      return v;
    }

    /** A compact size; like nodes, refuses one written wider than its value needs. */
    long varInt() {
      need(1);
      int first = data[pos++] & 0xff;
      if (first < 0xfd) {
        return first;
      }
      long v;
      if (first == 0xfd) {
        need(2);
        v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
        pos += 2;
      } else if (first == 0xfe) {
        v = uint32();
      } else {
        v = int64();
        if (v < 0) {
          throw error("variable-length integer out of range");
        }
      }
      int width = first == 0xfd ? 3 : first == 0xfe ? 5 : 9;
      if (varIntSize(v) != width) {
        throw error("non-canonical variable-length integer " + v);
      }
      return v;
    }

    /** A length prefix that must fit in what is left. */
    int length() {
      long n = varInt();
      if (n > limit - pos) {
        throw error("length " + n + " exceeds the " + (limit - pos) + " bytes left (truncated or corrupt)");
      }
      return (int) n;
    }

    byte[] bytes(int n) {
      need(n);
      byte[] b = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return b;
    }

    void skip(int n) {
      need(n);
      pos += n;
    }
  }
}
