package org.openbds.bitcoin.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.bitcoin.conformance.BitcoinEtlCase.HEX;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.codec.TxOutput;
import org.openbds.bitcoin.script.OutputScript;
import org.openbds.bitcoin.script.ScriptClassifier;
import org.openbds.bitcoin.script.ScriptType;

/**
 * Our codec and script classifier against bitcoin-etl's test resources: the recorded node answers (for what the node
 * itself decoded) and the exporter's expected rows. Where we decide differently on purpose, the difference is pinned
 * in {@link BitcoinEtlDifferencesTest} and listed in {@code docs/conformance-bitcoin-etl.md}; here every compared field
 * must agree.
 */
class BitcoinEtlConformanceTest {
  /** The exporter's (that is, Bitcoin Core's) script type names, and ours. */
  static final Map<String, ScriptType> TYPES =
      Map.of(
          "pubkey", ScriptType.P2PK,
          "pubkeyhash", ScriptType.P2PKH,
          "scripthash", ScriptType.P2SH,
          "multisig", ScriptType.MULTISIG,
          "nulldata", ScriptType.OP_RETURN,
          "nonstandard", ScriptType.NONSTANDARD,
          "witness_v0_keyhash", ScriptType.P2WPKH,
          "witness_v0_scripthash", ScriptType.P2WSH,
          "witness_v1_taproot", ScriptType.P2TR,
          "witness_unknown", ScriptType.WITNESS_UNKNOWN);

  /** The one recorded answer that is not a real node's: see {@link BitcoinEtlDifferencesTest}. */
  static final String STUB_RESPONSE =
      "rpc_response_getblock_00000000000000000024fb37364cbf81fd49cc2d51c09c75c35433c3a1945d04_None.json";

  static Stream<BitcoinEtlCase> cases() {
    return BitcoinEtlCase.all().stream();
  }

  @Test
  void theCasesWeCoverAndTheOneWeDoNot() throws IOException {
    try (Stream<Path> dirs = Files.list(BitcoinEtlCase.root())) {
      // Zcash is out of scope: its transactions (v4/v5, shielded parts) are not Bitcoin serialization
      assertThat(dirs.map(d -> d.getFileName().toString()))
          .containsExactlyInAnyOrder("bitcoin", "bitcoin_cash", "dogecoin", "zcash");
    }
    assertThat(cases().map(BitcoinEtlCase::toString))
        .containsExactly(
            "bitcoin/block_0",
            "bitcoin/block_1",
            "bitcoin/block_with_transactions",
            "bitcoin/block_without_transactions",
            "bitcoin/stream_50001_50002",
            "bitcoin_cash/block_with_duplicate_txid",
            "dogecoin/block_with_float_precision_loss",
            "dogecoin/block_without_transactions");
  }

  /** Every expected transaction whose raw bytes were recorded, decoded by us and compared field by field. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void transactionsAgreeWithTheExporter(BitcoinEtlCase c) {
    Map<String, byte[]> raw = c.rawTransactions();
    List<JsonNode> expectedTransactions = c.expectedTransactions();
    int decoded = 0;
    for (JsonNode expected : expectedTransactions) {
      String hash = expected.get("hash").asText();
      byte[] bytes = raw.get(hash);
      if (bytes == null) {
        continue;
      }
      decoded++;
      String where = c + " tx " + hash;
      BitcoinTransaction tx = c.codec().decodeTransaction(bytes, where);
      assertThat(tx.txid().toHex()).as(where).isEqualTo(hash);
      if (expected.hasNonNull("size")) {
        assertThat(tx.size()).as(where).isEqualTo(expected.get("size").asInt());
      }
      if (expected.hasNonNull("virtual_size")) {
        assertThat(tx.virtualSize()).as(where).isEqualTo(expected.get("virtual_size").asInt());
      }
      assertThat(tx.version()).as(where).isEqualTo(expected.get("version").asInt());
      assertThat(tx.lockTime()).as(where).isEqualTo(expected.get("lock_time").asLong());
      assertThat(tx.isCoinbase()).as(where).isEqualTo(expected.get("is_coinbase").asBoolean());

      // the exporter drops the coinbase input; we keep it (BitcoinEtlDifferencesTest.coinbaseKeepsItsInput)
      List<TxInput> inputs = tx.isCoinbase() ? tx.inputs().subList(1, tx.inputs().size()) : tx.inputs();
      assertThat(inputs).as(where).hasSize(expected.get("input_count").asInt()).hasSize(expected.get("inputs").size());
      for (int i = 0; i < inputs.size(); i++) {
        JsonNode e = expected.get("inputs").get(i);
        TxInput in = inputs.get(i);
        assertThat(e.get("index").asInt()).isEqualTo(i);
        assertThat(in.previousTxid().toHex()).as(where).isEqualTo(e.get("spent_transaction_hash").asText());
        assertThat(in.previousVout()).as(where).isEqualTo(e.get("spent_output_index").asLong());
        assertThat(in.sequence()).as(where).isEqualTo(e.get("sequence").asLong());
        assertThat(HEX.formatHex(in.scriptSig())).as(where).isEqualTo(e.get("script_hex").asText());
      }

      assertThat(tx.outputs()).as(where).hasSize(expected.get("output_count").asInt());
      for (int i = 0; i < tx.outputs().size(); i++) {
        JsonNode e = expected.get("outputs").get(i);
        TxOutput out = tx.outputs().get(i);
        assertThat(e.get("index").asInt()).isEqualTo(i);
        assertThat(out.value()).as(where).isEqualTo(exactSatoshi(e.get("value")));
        assertThat(HEX.formatHex(out.script())).as(where).isEqualTo(e.get("script_hex").asText());
      }
      if (expected.hasNonNull("output_value")) {
        assertThat(tx.outputValue()).as(where).isEqualTo(exactSatoshi(expected.get("output_value")));
      }
    }
    boolean recorded = !c.getblockResponses().isEmpty() || !c.getrawtransactionResponses().isEmpty();
    // every transaction of a case with node answers has its raw bytes there; the other case has none at all
    assertThat(decoded).as(c + ": transactions decoded").isEqualTo(recorded ? expectedTransactions.size() : 0);
  }

  /** Every output of every expected file, raw data or not, classified from its {@code script_hex}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyOutputScriptClassifiesAsTheExporterSays(BitcoinEtlCase c) {
    ScriptClassifier classifier = c.classifier();
    int outputs = 0;
    for (JsonNode tx : c.expectedTransactions()) {
      for (JsonNode out : tx.get("outputs")) {
        String where = c + " tx " + tx.get("hash").asText() + " output " + out.get("index").asInt();
        OutputScript s = classifier.classify(HEX.parseHex(out.get("script_hex").asText()));
        assertThat(s.type()).as(where).isEqualTo(TYPES.get(out.get("type").asText()));
        assertThat(s.addresses()).as(where).containsExactlyElementsOf(texts(out.get("addresses")));
        if (out.hasNonNull("required_signatures")) {
          assertThat(s.requiredSignatures()).as(where).isEqualTo(out.get("required_signatures").asInt());
        }
        outputs++;
      }
    }
    assertThat(outputs).as(c + ": outputs classified").isPositive();
  }

  /** What the node itself decoded from the same bytes: ids, sizes, inputs, exact amounts, scripts and addresses. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodingAgreesWithTheNode(BitcoinEtlCase c) {
    List<JsonNode> nodeTransactions = new ArrayList<>(c.getrawtransactionResponses().values());
    for (JsonNode block : c.getblockResponses().values()) {
      block.get("tx").forEach(tx -> {
        if (tx.isObject()) {
          nodeTransactions.add(tx);
        }
      });
    }
    ScriptClassifier classifier = c.classifier();
    for (JsonNode node : nodeTransactions) {
      String where = c + " node tx " + node.get("txid").asText();
      BitcoinTransaction tx = c.codec().decodeTransaction(HEX.parseHex(node.get("hex").asText()), where);
      assertThat(tx.txid().toHex()).as(where).isEqualTo(node.get("txid").asText());
      if (node.hasNonNull("hash")) {
        assertThat(tx.wtxid().toHex()).as(where).isEqualTo(node.get("hash").asText());
      }
      if (node.hasNonNull("size")) {
        assertThat(tx.size()).as(where).isEqualTo(node.get("size").asInt());
      }
      if (node.hasNonNull("vsize")) {
        assertThat(tx.virtualSize()).as(where).isEqualTo(node.get("vsize").asInt());
      }
      assertThat(tx.version()).as(where).isEqualTo(node.get("version").asInt());
      assertThat(tx.lockTime()).as(where).isEqualTo(node.get("locktime").asLong());
      assertThat(tx.inputs()).as(where).hasSize(node.get("vin").size());
      for (int i = 0; i < tx.inputs().size(); i++) {
        JsonNode vin = node.get("vin").get(i);
        TxInput in = tx.inputs().get(i);
        assertThat(in.sequence()).as(where).isEqualTo(vin.get("sequence").asLong());
        if (vin.has("coinbase")) {
          assertThat(in.isCoinbase()).as(where).isTrue();
          assertThat(HEX.formatHex(in.scriptSig())).as(where).isEqualTo(vin.get("coinbase").asText());
        } else {
          assertThat(in.previousTxid().toHex()).as(where).isEqualTo(vin.get("txid").asText());
          assertThat(in.previousVout()).as(where).isEqualTo(vin.get("vout").asLong());
          assertThat(HEX.formatHex(in.scriptSig())).as(where).isEqualTo(vin.get("scriptSig").get("hex").asText());
        }
      }
      assertThat(tx.outputs()).as(where).hasSize(node.get("vout").size());
      for (int i = 0; i < tx.outputs().size(); i++) {
        JsonNode vout = node.get("vout").get(i);
        TxOutput out = tx.outputs().get(i);
        JsonNode spk = vout.get("scriptPubKey");
        assertThat(vout.get("n").asInt()).isEqualTo(i);
        // the node prints coins with eight decimals; read exactly, never through a double
        long satoshi = vout.get("value").decimalValue().movePointRight(8).longValueExact();
        assertThat(out.value()).as(where).isEqualTo(satoshi);
        assertThat(HEX.formatHex(out.script())).as(where).isEqualTo(spk.get("hex").asText());
        OutputScript s = classifier.classify(out.script());
        assertThat(s.type()).as(where).isEqualTo(TYPES.get(spk.get("type").asText()));
        assertThat(s.addresses()).as(where).containsExactlyElementsOf(texts(spk.get("addresses")));
        if (spk.hasNonNull("reqSigs")) {
          assertThat(s.requiredSignatures()).as(where).isEqualTo(spk.get("reqSigs").asInt());
        }
      }
    }
    boolean recorded = !c.getblockResponses().isEmpty() || !c.getrawtransactionResponses().isEmpty();
    assertThat(nodeTransactions.isEmpty()).as(c + ": node transactions").isEqualTo(!recorded);
  }

  /** Headers rebuilt from each answer hash to its block; whole blocks, where every transaction is known, decode. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void blocksAgreeWithTheNodeAndTheExporter(BitcoinEtlCase c) {
    Map<String, JsonNode> expectedBlocks = new HashMap<>();
    c.expectedBlocks().forEach(b -> expectedBlocks.put(b.get("hash").asText(), b));
    BitcoinBlockCodec codec = c.codec();
    int wholeBlocks = 0;
    for (Map.Entry<String, JsonNode> response : c.getblockResponses().entrySet()) {
      JsonNode node = response.getValue();
      String where = c + " " + response.getKey();
      if (response.getKey().equals(STUB_RESPONSE)) {
        continue; // not a real answer (BitcoinEtlDifferencesTest.theStreamCasesLatestBlockIsAStub)
      }
      assertThat(codec.decodeHeader(BitcoinEtlCase.header(node), 0).hash().toHex())
          .as(where)
          .isEqualTo(node.get("hash").asText());
      byte[] bytes = c.rawBlock(node).orElse(null);
      if (bytes == null) {
        continue;
      }
      wholeBlocks++;
      BitcoinBlock block = codec.decodeBlock(bytes, node.get("height").asLong(), where);
      assertThat(block.size()).as(where).isEqualTo(node.get("size").asInt());
      if (node.hasNonNull("strippedsize")) {
        assertThat(block.strippedSize()).as(where).isEqualTo(node.get("strippedsize").asInt());
        assertThat(block.weight()).as(where).isEqualTo(node.get("weight").asInt());
      }
      JsonNode expected = expectedBlocks.get(block.hash().toHex());
      assertThat(expected).as(where + ": in expected_blocks.json").isNotNull();
      assertThat(block.size()).as(where).isEqualTo(expected.get("size").asInt());
      if (expected.hasNonNull("stripped_size")) {
        assertThat(block.strippedSize()).as(where).isEqualTo(expected.get("stripped_size").asInt());
        assertThat(block.weight()).as(where).isEqualTo(expected.get("weight").asInt());
      }
      assertThat(block.height()).as(where).isEqualTo(expected.get("number").asLong());
      assertThat(block.header().version()).as(where).isEqualTo(expected.get("version").asInt());
      assertThat(block.header().merkleRoot().toHex()).as(where).isEqualTo(expected.get("merkle_root").asText());
      assertThat(block.header().time()).as(where).isEqualTo(expected.get("timestamp").asLong());
      assertThat(Long.toHexString(block.header().nonce())).as(where).isEqualTo(expected.get("nonce").asText());
      assertThat(String.format("%08x", block.header().bits())).as(where).isEqualTo(expected.get("bits").asText());
      assertThat(HEX.formatHex(block.transactions().get(0).inputs().get(0).scriptSig()))
          .as(where)
          .isEqualTo(expected.get("coinbase_param").asText());
      assertThat(block.transactionCount()).as(where).isEqualTo(expected.get("transaction_count").asInt());
      for (JsonNode tx : c.expectedTransactions()) {
        if (!tx.get("block_hash").asText().equals(block.hash().toHex())) {
          continue;
        }
        int position = positionOf(block, tx.get("hash").asText());
        assertThat(position).as(where + " holds " + tx.get("hash").asText()).isNotNegative();
        if (tx.hasNonNull("index")) {
          assertThat(position).as(where).isEqualTo(tx.get("index").asInt());
        }
        assertThat(tx.get("block_number").asLong()).as(where).isEqualTo(block.height());
        assertThat(tx.get("block_timestamp").asLong()).as(where).isEqualTo(block.header().time());
      }
    }
    boolean recorded = !c.getblockResponses().isEmpty();
    assertThat(wholeBlocks).as(c + ": whole blocks rebuilt").isEqualTo(recorded ? c.expectedBlocks().size() : 0);
  }

  /** Where the exporter looked up spent outputs, the spent transactions' raw bytes give the same value and owner. */
  @Test
  void enrichedInputsMatchTheSpentOutputs() {
    BitcoinEtlCase c = cases().filter(x -> x.name().equals("stream_50001_50002")).findFirst().orElseThrow();
    Map<String, byte[]> raw = c.rawTransactions();
    ScriptClassifier classifier = c.classifier();
    int enriched = 0;
    for (JsonNode tx : c.expectedTransactions()) {
      for (JsonNode in : tx.get("inputs")) {
        String spent = in.get("spent_transaction_hash").asText();
        BitcoinTransaction spentTx = c.codec().decodeTransaction(raw.get(spent), spent);
        TxOutput out = spentTx.outputs().get(in.get("spent_output_index").asInt());
        OutputScript s = classifier.classify(out.script());
        assertThat(out.value()).isEqualTo(exactSatoshi(in.get("value")));
        assertThat(s.type()).isEqualTo(TYPES.get(in.get("type").asText()));
        assertThat(s.addresses()).containsExactlyElementsOf(texts(in.get("addresses")));
        assertThat(s.requiredSignatures()).isEqualTo(in.get("required_signatures").asInt());
        enriched++;
      }
      long inputValue = 0;
      for (JsonNode in : tx.get("inputs")) {
        inputValue += exactSatoshi(in.get("value"));
      }
      assertThat(inputValue).isEqualTo(exactSatoshi(tx.get("input_value")));
    }
    assertThat(enriched).isEqualTo(3);
  }

  /** An amount in satoshi as the exporter writes it: a JSON integer, never a float. */
  static long exactSatoshi(JsonNode value) {
    assertThat(value.isIntegralNumber()).as("%s is an integer", value).isTrue();
    return new BigDecimal(value.bigIntegerValue()).longValueExact();
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(a -> out.add(a.asText()));
    }
    return out;
  }

  static int positionOf(BitcoinBlock block, String txid) {
    for (int i = 0; i < block.transactions().size(); i++) {
      if (block.transactions().get(i).txid().toHex().equals(txid)) {
        return i;
      }
    }
    return -1;
  }
}
