package org.openbds.xrp.binary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.Hash32;

/**
 * The hashes by which the XRP Ledger identifies transactions and ledgers, each SHA-512Half (the first 32 bytes of
 * SHA-512) over a four-byte prefix that says what is hashed, then the object's binary form. They let a reader check
 * that what a node printed is what the network validated: a transaction against its {@code hash}, a ledger's
 * transactions with their metadata against its {@code transaction_hash}, the header against the ledger hash.
 *
 * <p>Thread-safe. Hashes are returned in the order rippled prints them.
 */
public final class XrplHashes {
  private static final int TRANSACTION_ID = 0x54584E00; // "TXN\0"
  private static final int TRANSACTION_NODE = 0x534E4400; // "SND\0": a leaf of the transaction tree
  private static final int LEDGER_HEADER = 0x4C575200; // "LWR\0"

  private final XrplBinaryCodec codec;

  public XrplHashes(XrplBinaryCodec codec) {
    this.codec = requireNonNull(codec, "codec is null");
  }

  /** The transaction's id: SHA-512Half of "TXN\0" and its binary form. */
  public Hash32 transactionHash(JsonNode transaction) {
    return transactionHash(codec.serializeTransaction(transaction));
  }

  /**
   * The root of the ledger's transaction tree (a SHAMap keyed by transaction id, with each transaction and its
   * metadata in the leaf); the zero hash for a ledger without transactions. The order of the list does not matter.
   */
  public Hash32 transactionTreeRoot(List<XrplTransactionEntry> transactions) {
    return transactionTree(transactions).root();
  }

  /** The ledger's transaction tree: its root, and the bytes of the transactions and metadata it holds. */
  public TransactionTree transactionTree(List<XrplTransactionEntry> transactions) {
    List<Leaf> leaves = new ArrayList<>(transactions.size());
    long bytes = 0;
    for (XrplTransactionEntry entry : transactions) {
      byte[] blob = codec.serializeTransaction(entry.transaction());
      byte[] meta = codec.serializeMetadata(entry.metadata());
      bytes += blob.length + meta.length;
      Hash32 id = transactionHash(blob);
      ByteBuffer leaf = ByteBuffer.allocate(4 + 6 + blob.length + meta.length + 32);
      leaf.putInt(TRANSACTION_NODE);
      leaf.put(XrplBinaryCodec.lengthPrefix(blob.length)).put(blob);
      leaf.put(XrplBinaryCodec.lengthPrefix(meta.length)).put(meta);
      leaf.put(id.toBytes());
      leaves.add(new Leaf(id, sha512Half(leaf.array(), leaf.position())));
    }
    return new TransactionTree(XrplShaMap.root(leaves), bytes);
  }

  /**
   * @param root the root of the transaction tree, as a ledger header names it
   * @param bytes the transactions and their metadata in the network's binary form
   */
  public record TransactionTree(Hash32 root, long bytes) {}

  /**
   * The ledger hash from its header fields. Times are seconds since 2000-01-01 UTC, {@code totalCoins} is in drops,
   * {@code closeTimeResolution} in seconds; rippled prints every field in its {@code ledger} answer.
   */
  public static Hash32 ledgerHeaderHash(
      long index,
      long totalCoins,
      Hash32 parentHash,
      Hash32 transactionHash,
      Hash32 accountHash,
      long parentCloseTime,
      long closeTime,
      int closeTimeResolution,
      int closeFlags) {
    ByteBuffer header = ByteBuffer.allocate(4 + 4 + 8 + 32 * 3 + 4 + 4 + 1 + 1);
    header.putInt(LEDGER_HEADER).putInt(uint32(index, "ledger_index")).putLong(totalCoins);
    header.put(parentHash.toBytes()).put(transactionHash.toBytes()).put(accountHash.toBytes());
    header.putInt(uint32(parentCloseTime, "parent_close_time")).putInt(uint32(closeTime, "close_time"));
    header.put(uint8(closeTimeResolution, "close_time_resolution")).put(uint8(closeFlags, "close_flags"));
    return sha512Half(header.array(), header.position());
  }

  /** The first 32 bytes of SHA-512 over the first {@code length} bytes of {@code data}. */
  static Hash32 sha512Half(byte[] data, int length) {
    try {
      MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
      sha512.update(data, 0, length);
      byte[] half = new byte[32];
      System.arraycopy(sha512.digest(), 0, half, 0, 32);
      return Hash32.of(half);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }

  private static Hash32 transactionHash(byte[] blob) {
    ByteBuffer prefixed = ByteBuffer.allocate(4 + blob.length).putInt(TRANSACTION_ID).put(blob);
    return sha512Half(prefixed.array(), prefixed.position());
  }

  private static int uint32(long value, String field) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(field + " out of range: " + value);
    }
    return (int) value;
  }

  private static byte uint8(int value, String field) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(field + " out of range: " + value);
    }
    return (byte) value;
  }

  /** A leaf of a SHAMap: its 32-byte key and the hash of its node. */
  record Leaf(Hash32 key, Hash32 hash) {}
}
