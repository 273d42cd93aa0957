package org.openbds.xrp.binary;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.Hash32;

/**
 * The root hash of a SHAMap, the radix-16 tree of the XRP Ledger, from its leaves. A leaf sits at the shallowest
 * depth where no other key shares its path, so an inner node exists only where two or more keys share a prefix; the
 * root is always an inner node. An inner node hashes "MIN\0" and its 16 child hashes, zero for an empty branch.
 */
final class XrplShaMap {
  private static final int INNER_NODE = 0x4D494E00; // "MIN\0"
  private static final int BRANCHES = 16;
  private static final int MAX_DEPTH = 64; // nibbles in a 32-byte key

  private XrplShaMap() {}

  static Hash32 root(List<XrplHashes.Leaf> leaves) {
    return leaves.isEmpty() ? Hash32.ZERO : inner(leaves, 0);
  }

  private static Hash32 inner(List<XrplHashes.Leaf> leaves, int depth) {
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException("two leaves share the key " + leaves.get(0).key());
    }
    List<List<XrplHashes.Leaf>> branches = new ArrayList<>(BRANCHES);
    for (int i = 0; i < BRANCHES; i++) {
      branches.add(new ArrayList<>());
    }
    for (XrplHashes.Leaf leaf : leaves) {
      branches.get(nibble(leaf.key(), depth)).add(leaf);
    }
    ByteBuffer node = ByteBuffer.allocate(4 + 32 * BRANCHES).putInt(INNER_NODE);
    for (List<XrplHashes.Leaf> branch : branches) {
      Hash32 child =
          branch.isEmpty() ? Hash32.ZERO : branch.size() == 1 ? branch.get(0).hash() : inner(branch, depth + 1);
      node.put(child.toBytes());
    }
    return XrplHashes.sha512Half(node.array(), node.position());
  }

  /** The key's nibble at {@code depth}, most significant first; read through words so the key is not copied. */
  private static int nibble(Hash32 key, int depth) {
    int byteIndex = depth / 2;
    int b = (int) (key.word(byteIndex / 8) >>> (8 * (7 - byteIndex % 8))) & 0xFF;
    return depth % 2 == 0 ? b >>> 4 : b & 0x0F;
  }
}
