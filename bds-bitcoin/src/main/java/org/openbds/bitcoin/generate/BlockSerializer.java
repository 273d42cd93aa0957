package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.DoubleSha256;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;

/**
 * Writes transactions and blocks in Bitcoin consensus serialization, the inverse of {@link BitcoinBlockCodec}:
 * legacy transactions, BIP144 segwit transactions (marker 0x00, flag 0x01, one witness stack per input), 80-byte
 * headers, and blocks (header, CompactSize count, transactions). It also computes the identifiers a block commits to:
 * txid (double SHA-256 of the legacy form), wtxid (of the full form), the merkle root over txids and the BIP141 witness
 * commitment over wtxids.
 *
 * <p>The public methods take and return values; the package-private ones work on caller-owned arrays in wire order so
 * the {@link SyntheticChainGenerator} can serialize millions of transactions without allocating for each. Not
 * thread-safe (it holds a hasher); use one instance per thread.
 */
public final class BlockSerializer {
  public static final int HEADER_SIZE = BitcoinBlockCodec.HEADER_SIZE;
  /** Size of a witness commitment output script: OP_RETURN, push of 36 bytes, 4-byte tag, 32-byte commitment. */
  public static final int WITNESS_COMMITMENT_SCRIPT_SIZE = 38;

  private static final byte[] WITNESS_COMMITMENT_TAG = {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};

  private final DoubleSha256 sha = new DoubleSha256();
  private final byte[] pair = new byte[64];

  /**
   * Serializes a transaction. It takes the BIP144 form when at least one input has a witness (a non-null
   * {@link TxInput#witness()}: the serialized stack, item count first); inputs without one get an empty stack.
   */
  public SerializedTransaction serializeTransaction(int version, List<TxInput> inputs, List<TxOutput> outputs, long lockTime) {
    requireNonNull(inputs, "inputs is null");
    requireNonNull(outputs, "outputs is null");
    boolean witness = false;
    for (TxInput in : inputs) {
      witness |= in.witness() != null && in.witnessItems() > 0;
    }
    ByteSink out = new ByteSink(64 + 180 * inputs.size() + 40 * outputs.size());
    out.writeUint32(version & 0xffffffffL);
    if (witness) {
      out.writeByte(0);
      out.writeByte(1);
    }
    int bodyStart = out.size();
    out.writeVarInt(inputs.size());
    for (TxInput in : inputs) {
      int at = out.reserve(32);
      in.previousTxid().writeWireOrder(out.array(), at);
      out.writeUint32(in.previousVout());
      out.writeVarBytes(in.scriptSig());
      out.writeUint32(in.sequence());
    }
    out.writeVarInt(outputs.size());
    for (TxOutput o : outputs) {
      out.writeInt64(o.value());
      out.writeVarBytes(o.script());
    }
    int bodyEnd = out.size();
    if (witness) {
      for (TxInput in : inputs) {
        if (in.witness() == null || in.witnessItems() == 0) {
          out.writeByte(0);
        } else {
          out.writeBytes(in.witness());
        }
      }
    }
    int lockTimeAt = out.size();
    out.writeUint32(lockTime);
    byte[] bytes = out.toByteArray();
    byte[] id = new byte[32];
    txid(bytes, 0, bodyStart, bodyEnd, lockTimeAt, id, 0);
    Hash32 txid = Hash32.fromWireOrder(id, 0);
    Hash32 wtxid = txid;
    if (witness) {
      hash(bytes, 0, bytes.length, id, 0);
      wtxid = Hash32.fromWireOrder(id, 0);
    }
    return new SerializedTransaction(bytes, txid, wtxid, witness);
  }

  /** The serialized witness stack of the given items (item count, then each item length-prefixed). */
  public static byte[] witnessStack(byte[]... items) {
    ByteSink out = new ByteSink(16);
    out.writeVarInt(items.length);
    for (byte[] item : items) {
      out.writeVarBytes(item);
    }
    return out.toByteArray();
  }

  /** The 80-byte header; {@code time}, {@code bits} and {@code nonce} are unsigned 32-bit values. */
  public byte[] serializeHeader(int version, Hash32 previousHash, Hash32 merkleRoot, long time, long bits, long nonce) {
    byte[] header = new byte[HEADER_SIZE];
    byte[] prev = new byte[32];
    byte[] root = new byte[32];
    previousHash.writeWireOrder(prev, 0);
    merkleRoot.writeWireOrder(root, 0);
    writeHeader(header, 0, version, prev, root, time, bits, nonce);
    return header;
  }

  /** The block hash: double SHA-256 of the 80-byte header, in display order. */
  public Hash32 blockHash(byte[] header) {
    if (header.length < HEADER_SIZE) {
      throw new IllegalArgumentException("a header has 80 bytes, got " + header.length);
    }
    return Hash32.fromWireOrder(sha.hash(header, 0, HEADER_SIZE), 0);
  }

  /** A whole block: header, transaction count, transactions in order (the coinbase first). */
  public byte[] serializeBlock(byte[] header, List<SerializedTransaction> transactions) {
    if (header.length != HEADER_SIZE) {
      throw new IllegalArgumentException("a header has 80 bytes, got " + header.length);
    }
    ByteSink out = new ByteSink(HEADER_SIZE + 9 + transactions.stream().mapToInt(t -> t.bytes().length).sum());
    out.writeBytes(header);
    out.writeVarInt(transactions.size());
    for (SerializedTransaction tx : transactions) {
      out.writeBytes(tx.bytes());
    }
    return out.toByteArray();
  }

  /** The merkle root over the txids, as a header stores it (a lone transaction is its own root). */
  public Hash32 merkleRoot(List<Hash32> txids) {
    return rootOf(txids, false);
  }

  /** The BIP141 witness merkle root over the wtxids, with the coinbase's (the first) taken as 32 zero bytes. */
  public Hash32 witnessMerkleRoot(List<Hash32> wtxids) {
    return rootOf(wtxids, true);
  }

  /**
   * The coinbase output script committing to the block's witness data: {@code 6a24aa21a9ed} followed by double SHA-256
   * of (witness merkle root || reserved value). The reserved value is the coinbase input's single 32-byte witness item.
   */
  public byte[] witnessCommitmentScript(Hash32 witnessMerkleRoot, byte[] reservedValue) {
    if (reservedValue.length != 32) {
      throw new IllegalArgumentException("the witness reserved value has 32 bytes, got " + reservedValue.length);
    }
    byte[] root = new byte[32];
    witnessMerkleRoot.writeWireOrder(root, 0);
    byte[] script = new byte[WITNESS_COMMITMENT_SCRIPT_SIZE];
    writeWitnessCommitmentScript(root, 0, reservedValue, script, 0);
    return script;
  }

  private Hash32 rootOf(List<Hash32> ids, boolean witness) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("a block has at least one transaction");
    }
    byte[] leaves = new byte[ids.size() * 32];
    for (int i = witness ? 1 : 0; i < ids.size(); i++) {
      ids.get(i).writeWireOrder(leaves, i * 32);
    }
    byte[] root = new byte[32];
    merkleRoot(leaves, ids.size(), root, 0);
    return Hash32.fromWireOrder(root, 0);
  }

  // ---- allocation-free forms, all hashes in wire order ----

  /** txid of a transaction at {@code start}: version, then the bytes from {@code bodyStart} to {@code bodyEnd}, then lock time. */
  void txid(byte[] tx, int start, int bodyStart, int bodyEnd, int lockTimeAt, byte[] out, int outOffset) {
    sha.update(tx, start, 4);
    sha.update(tx, bodyStart, bodyEnd - bodyStart);
    sha.update(tx, lockTimeAt, 4);
    sha.finish(out, outOffset);
  }

  /** Double SHA-256 of a range (a wtxid, or a header's hash). */
  void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
    sha.update(data, offset, length);
    sha.finish(out, outOffset);
  }

  /**
   * The merkle root of {@code count} 32-byte leaves packed in {@code leaves}, written to {@code out}. Overwrites the
   * leaves (the tree is built in place). An odd node at any level is paired with itself, as Bitcoin does.
   */
  void merkleRoot(byte[] leaves, int count, byte[] out, int outOffset) {
    int n = count;
    while (n > 1) {
      int next = (n + 1) / 2;
      for (int i = 0; i < next; i++) {
        int left = 2 * i;
        int right = Math.min(left + 1, n - 1);
        System.arraycopy(leaves, left * 32, pair, 0, 32);
        System.arraycopy(leaves, right * 32, pair, 32, 32);
        sha.update(pair, 0, 64);
        sha.finish(leaves, i * 32);
      }
      n = next;
    }
    System.arraycopy(leaves, 0, out, outOffset, 32);
  }

  /** Writes the 38-byte commitment script for a witness root (wire order) and reserved value into {@code out}. */
  void writeWitnessCommitmentScript(byte[] witnessRoot, int rootOffset, byte[] reserved, byte[] out, int outOffset) {
    System.arraycopy(witnessRoot, rootOffset, pair, 0, 32);
    System.arraycopy(reserved, 0, pair, 32, 32);
    System.arraycopy(WITNESS_COMMITMENT_TAG, 0, out, outOffset, WITNESS_COMMITMENT_TAG.length);
    sha.update(pair, 0, 64);
    sha.finish(out, outOffset + WITNESS_COMMITMENT_TAG.length);
  }

  /** Writes an 80-byte header at {@code offset}; hashes are in wire order. */
  static void writeHeader(byte[] out, int offset, int version, byte[] previousWire, byte[] merkleRootWire, long time, long bits, long nonce) {
    ByteSink.putUint32(out, offset, version & 0xffffffffL);
    System.arraycopy(previousWire, 0, out, offset + 4, 32);
    System.arraycopy(merkleRootWire, 0, out, offset + 36, 32);
    ByteSink.putUint32(out, offset + 68, time);
    ByteSink.putUint32(out, offset + 72, bits);
    ByteSink.putUint32(out, offset + 76, nonce);
  }
}
