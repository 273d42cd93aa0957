package org.openbds.bitcoin.conformance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openbds.api.Hash32;
import org.openbds.api.RealData;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.AddressEncoder;
import org.openbds.bitcoin.script.ScriptClassifier;

/**
 * One test case of bitcoin-etl's test resources: a folder of recorded node responses and the exporter's expected
 * output. Numbers are read exactly (floats as {@code BigDecimal}), so an amount is never rounded on the way in.
 */
record BitcoinEtlCase(String chainFolder, String name, Path dir) {
  static final HexFormat HEX = HexFormat.of();
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The exporter's chain folders this project covers, with our chain id for each. */
  static final Map<String, String> CHAINS = Map.of("bitcoin", "btc", "bitcoin_cash", "bch", "dogecoin", "doge");

  static Path root() {
    return RealData.dir("bitcoin-etl");
  }

  static List<BitcoinEtlCase> all() {
    List<BitcoinEtlCase> cases = new ArrayList<>();
    for (String folder : CHAINS.keySet().stream().sorted().toList()) {
      try (Stream<Path> dirs = Files.list(root().resolve(folder))) {
        dirs.filter(Files::isDirectory)
            .sorted()
            .forEach(d -> cases.add(new BitcoinEtlCase(folder, d.getFileName().toString(), d)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cases;
  }

  String chain() {
    return CHAINS.get(chainFolder);
  }

  ChainProfile profile() {
    return ChainProfiles.load(chain());
  }

  ScriptClassifier classifier() {
    ChainProfile profile = profile();
    return new ScriptClassifier(new AddressEncoder(profile.network("mainnet")), profile.segwit());
  }

  BitcoinBlockCodec codec() {
    return new BitcoinBlockCodec(profile().mweb());
  }

  List<JsonNode> expectedBlocks() {
    return jsonLines("expected_blocks.json");
  }

  List<JsonNode> expectedTransactions() {
    return jsonLines("expected_transactions.json");
  }

  /** The recorded {@code getblock} answers (verbosity 1 or 2), by file name. */
  Map<String, JsonNode> getblockResponses() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Path f : files("rpc_response_getblock_")) {
      out.put(f.getFileName().toString(), read(f));
    }
    return out;
  }

  /** The recorded {@code getrawtransaction} answers (verbose), by txid. */
  Map<String, JsonNode> getrawtransactionResponses() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Path f : files("rpc_response_getrawtransaction_")) {
      JsonNode tx = read(f);
      out.put(tx.get("txid").asText(), tx);
    }
    return out;
  }

  /** Every transaction whose raw bytes were recorded: {@code getblock} verbosity 2 and {@code getrawtransaction}. */
  Map<String, byte[]> rawTransactions() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (JsonNode block : getblockResponses().values()) {
      for (JsonNode tx : block.get("tx")) {
        if (tx.isObject() && tx.hasNonNull("hex")) {
          out.put(tx.get("txid").asText(), HEX.parseHex(tx.get("hex").asText()));
        }
      }
    }
    getrawtransactionResponses().forEach((txid, tx) -> out.put(txid, HEX.parseHex(tx.get("hex").asText())));
    return out;
  }

  /** The 80-byte header rebuilt from a {@code getblock} answer's fields. */
  static byte[] header(JsonNode block) {
    byte[] h = new byte[80];
    putUint32(h, 0, block.get("version").asLong());
    Hash32 parent =
        block.hasNonNull("previousblockhash") ? Hash32.parse(block.get("previousblockhash").asText()) : Hash32.ZERO;
    parent.writeWireOrder(h, 4);
    Hash32.parse(block.get("merkleroot").asText()).writeWireOrder(h, 36);
    putUint32(h, 68, block.get("time").asLong());
    putUint32(h, 72, Long.parseLong(block.get("bits").asText(), 16));
    putUint32(h, 76, block.get("nonce").asLong());
    return h;
  }

  /** The whole serialized block, when it lists transactions and the raw bytes of every one of them are known. */
  Optional<byte[]> rawBlock(JsonNode block) {
    Map<String, byte[]> raw = rawTransactions();
    JsonNode txs = block.get("tx");
    if (txs.isEmpty()) {
      return Optional.empty();
    }
    if (txs.size() >= 0xfd) {
      throw new IllegalStateException("the recorded blocks have fewer than 253 transactions (one-byte count)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(block));
    out.write(txs.size());
    for (JsonNode tx : txs) {
      byte[] bytes = raw.get(tx.isObject() ? tx.get("txid").asText() : tx.asText());
      if (bytes == null) {
        return Optional.empty();
      }
      out.writeBytes(bytes);
    }
    return Optional.of(out.toByteArray());
  }

  @Override
  public String toString() {
    return chainFolder + "/" + name;
  }

  private List<JsonNode> jsonLines(String file) {
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve(file))) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> files(String prefix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path f) {
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putUint32(byte[] out, int offset, long v) {
    for (int i = 0; i < 4; i++) {
      out[offset + i] = (byte) (v >>> (8 * i));
    }
  }
}
