package org.openbds.bitcoin.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;

/**
 * Reads a generated block directory the way an importer would, independently of the generator: undoes the XOR
 * obfuscation named by {@code xor.dat}, splits each file into magic-framed records, decodes every block and orders
 * them into a chain by following parent hashes from the genesis.
 */
final class BlockFiles {
  /** One stored block: where it was, its raw bytes and the decoded form (with its height in the chain). */
  record StoredBlock(int file, long offset, byte[] bytes, BitcoinBlock block) {}

  final List<StoredBlock> inFileOrder;
  final List<BitcoinBlock> chain;
  final List<Path> files;

  private BlockFiles(List<StoredBlock> inFileOrder, List<BitcoinBlock> chain, List<Path> files) {
    this.inFileOrder = inFileOrder;
    this.chain = chain;
    this.files = files;
  }

  static List<Path> blockFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("blk\\d{5}\\.dat")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BlockFiles read(Path dir, byte[] magic) throws IOException {
    byte[] key = new byte[8];
    Path xor = dir.resolve(SyntheticChainGenerator.XOR_FILE);
    if (Files.exists(xor)) {
      key = Files.readAllBytes(xor);
      assertThat(key).hasSize(8);
    }
    List<Path> files = blockFiles(dir);
    List<StoredBlock> stored = new ArrayList<>();
    BitcoinBlockCodec codec = new BitcoinBlockCodec(false);
    for (int f = 0; f < files.size(); f++) {
      byte[] data = Files.readAllBytes(files.get(f));
      for (int i = 0; i < data.length; i++) {
        data[i] ^= key[i % 8];
      }
      int pos = 0;
      while (pos < data.length) {
        assertThat(Arrays.copyOfRange(data, pos, pos + 4)).as("magic at %s:%d", files.get(f), pos).isEqualTo(magic);
        int length = (data[pos + 4] & 0xff) | (data[pos + 5] & 0xff) << 8 | (data[pos + 6] & 0xff) << 16 | (data[pos + 7] & 0xff) << 24;
        byte[] bytes = Arrays.copyOfRange(data, pos + 8, pos + 8 + length);
        assertThat(bytes).hasSize(length);
        BitcoinBlock block = codec.decodeBlock(bytes, -1, files.get(f).getFileName() + ":" + pos);
        stored.add(new StoredBlock(f, pos, bytes, block));
        pos += 8 + length;
      }
    }
    return new BlockFiles(stored, chainOf(stored, codec), files);
  }

  /** Blocks in height order, re-decoded with their heights; fails unless they form one unbroken chain. */
  private static List<BitcoinBlock> chainOf(List<StoredBlock> stored, BitcoinBlockCodec codec) {
    Map<Hash32, StoredBlock> byParent = new HashMap<>();
    for (StoredBlock s : stored) {
      assertThat(byParent.put(s.block().parent(), s)).as("two children of %s", s.block().parent()).isNull();
    }
    List<BitcoinBlock> chain = new ArrayList<>();
    Hash32 parent = Hash32.ZERO;
    StoredBlock next;
    while ((next = byParent.get(parent)) != null) {
      chain.add(codec.decodeBlock(next.bytes(), chain.size(), "height " + chain.size()));
      parent = next.block().hash();
    }
    assertThat(chain).as("blocks reachable from genesis").hasSameSizeAs(stored);
    return chain;
  }
}
