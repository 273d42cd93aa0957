package org.openbds.bitcoin.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.api.RealData;

/** Every figure of the shared mainnet block files' README, reproduced by our codec. */
class MainnetBlocksConformanceTest {
  @ParameterizedTest
  @CsvSource({
    "block169482.dat, 169482, 14, 60, 231, 104050091529, 0",
    "block227835.dat, 227835, 122, 263, 229, 176067178825, 0",
    "block227836.dat, 227836, 100, 191, 188, 53970408382, 0",
    "block363703.dat, 363703, 587, 3043, 1418, 584509479241, 0",
    "block370661.dat, 370661, 708, 2006, 1823, 497312846469, 0",
    "block383616.dat, 383616, 1731, 3620, 4307, 2849162557445, 0",
    "block481815.dat, 481815, 2097, 4699, 4659, 984435797852, 0",
    "block481829.dat, 481829, 2020, 5247, 5146, 1729342118131, 1",
  })
  void reproducesReadmeFigures(String file, long height, int txs, int inputs, int outputs, long outputSum, int segwitTxs)
      throws IOException {
    Path path = RealData.dir("bitcoin-mainnet-raw").resolve(file);
    byte[] data = Files.readAllBytes(path);
    BitcoinBlock block = new BitcoinBlockCodec(false).decodeBlock(data, height, file);

    assertThat(block.transactionCount()).isEqualTo(txs);
    assertThat(block.transactions().stream().mapToInt(t -> t.inputs().size()).sum()).isEqualTo(inputs);
    assertThat(block.transactions().stream().mapToInt(t -> t.outputs().size()).sum()).isEqualTo(outputs);
    assertThat(block.transactions().stream().mapToLong(BitcoinTransaction::outputValue).sum()).isEqualTo(outputSum);
    assertThat(block.transactions().stream().filter(BitcoinTransaction::hasWitness).count()).isEqualTo(segwitTxs);
    assertThat(block.size()).isEqualTo(data.length);
    // the block hash is the double SHA-256 of the header: a valid mainnet hash at these heights has leading zeros
    assertThat(block.hash().toHex()).startsWith("00000000");
    assertThat(block.transactions().get(0).isCoinbase()).isTrue();
  }
}
