package org.openbds.bitcoin.bds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.SourceBlock;
import org.openbds.api.SplitOptions;
import org.openbds.bitcoin.BitcoinFamily;
import org.openbds.bitcoin.codec.BitcoinBlock;
import org.openbds.bitcoin.codec.BitcoinTransaction;
import org.openbds.bitcoin.codec.TxInput;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.script.ScriptType;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.bitcoin.split.ClassifiedBlock;

/** One hand-written message read field by field, exact value texts, and every way a message can be malformed. */
class BitcoinBdsMessagesTest {
  private static final String ORIGIN = "topic btc partition 0 offset 7";
  private static final String HASH = "00000000bd79fda80390d9fc18e3047f9e7ea25fceae575777730bd3aff56b07";
  private static final String PARENT = "00000000c5bbac31a21a59c01e4d00e2e08d6ce1f4a796cdb5945fc567759dd0";
  private static final String COINBASE_TXID = "2a3e173156e05b6a339c392bd8706bd5d2d8f731d0d960bdbf3f098980dbf323";
  private static final String SPEND_TXID = "41ec2022f1cc7400e9af0e5ee0a73428b341be0f21fab3fc76785517b347aa90";
  private static final String SPEND_WTXID = "96d0b9cd610ef2ee5316f0b9513fce4e827e24584bf8e6f3df5e6f584ebb205e";
  private static final String NULL_TXID = "0000000000000000000000000000000000000000000000000000000000000000";
  private static final String SPENT_TXID = "03d7a8bcabf9ebfc37a9498b3da4668f555896ed95d7041a007e59e19238daca";

  /** A block of two transactions in the product's shape; VALUE0 and VALUE1 stand for output value texts. */
  private static final String DOCUMENT =
      """
      {"hash":"%s","stripped_size":295,"size":351,"weight":1236,"height":5,"version":536870912,
       "merkle_root":"1991ef68a7ab24365ee01676b5cd6675c3608006cef7fdfdce6cc6019e94cc87",
       "tx":[
        {"tx_id":"%s","hash":"%s","version":1,"size":150,"vsize":131,"weight":522,"lock_time":0,
         "vin":[{"coinbase":"0305000004deadbeef","sequence":4294967295,
                 "tx_in_witness":["0000000000000000000000000000000000000000000000000000000000000000"]}],
         "vout":[{"value":VALUE0,"is_coinbase":true,"script_pubkey":"76a91459df2223b79fcf0dcbe360507d3befd459b91ac888ac",
                  "required_signatures":1,"type":"pubkeyhash","addresses":["19CCSeitSywDq9PtQbZchwYXyYGc5cM2Qp"]},
                 {"value":0.0,"is_coinbase":true,"script_pubkey":"6a0401020304","required_signatures":0,"type":"nulldata","addresses":[]}]},
        {"tx_id":"%s","hash":"%s","version":2,"size":120,"vsize":98,"weight":390,"lock_time":700001,
         "vin":[{"tx_id_origin":"%s","vout_num_origin":1,"script_sig":"","tx_in_witness":["3044","02aa"],"sequence":4294967293}],
         "vout":[{"value":VALUE1,"is_coinbase":false,"script_pubkey":"001470c8903c36e3cd538a5762b9699bb7e032b92432",
                  "required_signatures":1,"type":"witness_v0_keyhash","addresses":["bc1qwryfq0pku0x48zjhv2uknxahuqetjfpjpsdjw4"]}]}],
       "time":1600000595,"median_time":1599997595,"nonce":3405809747,"bits":"1d00ffff","difficulty":1.0,
       "chain_work":"0000000000000000000000000000000000000000000000000000000100000000","prev_hash":"%s"}
      """
          .formatted(HASH, COINBASE_TXID, COINBASE_TXID, SPEND_TXID, SPEND_WTXID, SPENT_TXID, PARENT);

  private static final ChainProfile BTC = ChainProfiles.load("btc");

  private static BitcoinBdsMessages messages(ChainProfile profile, boolean storeInputScripts) {
    return new BitcoinBdsMessages(new BitcoinSplitter(profile, profile.network("mainnet"), storeInputScripts));
  }

  private static String document(String value0, String value1) {
    return DOCUMENT.replace("VALUE0", value0).replace("VALUE1", value1);
  }

  private static ClassifiedBlock read(BitcoinBdsMessages messages, String document) {
    SourceBlock envelope = messages.envelope(document.getBytes(UTF_8), ORIGIN);
    return messages.splitter().decode(envelope);
  }

  @Test
  void theEnvelopeReadsPositionAndParentOnly() {
    byte[] bytes = document("6.25012972", "80.23473336").getBytes(UTF_8);
    SourceBlock block = messages(BTC, false).envelope(bytes, ORIGIN);
    assertThat(block.height()).isEqualTo(5);
    assertThat(block.hash()).isEqualTo(Hash32.parse(HASH));
    assertThat(block.parent()).isEqualTo(Hash32.parse(PARENT));
    assertThat(block.payload()).isSameAs(bytes);
    assertThat(block.origin()).isEqualTo(ORIGIN);
  }

  @Test
  void everyFieldLandsWhereTheCodecPutsIt() {
    ClassifiedBlock classified = read(messages(BTC, false), document("6.25012972", "80.23473336"));
    BitcoinBlock block = classified.block();
    assertThat(block.height()).isEqualTo(5);
    assertThat(block.hash()).isEqualTo(Hash32.parse(HASH));
    assertThat(block.parent()).isEqualTo(Hash32.parse(PARENT));
    assertThat(block.header().merkleRoot()).isEqualTo(Hash32.parse("1991ef68a7ab24365ee01676b5cd6675c3608006cef7fdfdce6cc6019e94cc87"));
    assertThat(block.header().version()).isEqualTo(536870912);
    assertThat(block.header().time()).isEqualTo(1600000595L);
    assertThat(block.header().bits()).isEqualTo(0x1d00ffffL);
    assertThat(block.header().nonce()).isEqualTo(3405809747L);
    assertThat(block.size()).isEqualTo(351);
    assertThat(block.strippedSize()).isEqualTo(295);
    assertThat(block.weight()).isEqualTo(1236);
    assertThat(block.transactionCount()).isEqualTo(2);

    BitcoinTransaction coinbase = block.transactions().get(0);
    assertThat(coinbase.isCoinbase()).isTrue();
    assertThat(coinbase.txid()).isEqualTo(Hash32.parse(COINBASE_TXID));
    assertThat(coinbase.wtxid()).isEqualTo(Hash32.parse(COINBASE_TXID));
    assertThat(coinbase.version()).isEqualTo(1);
    assertThat(coinbase.size()).isEqualTo(150);
    assertThat(coinbase.baseSize()).isEqualTo(124);
    assertThat(coinbase.hasWitness()).isTrue();
    TxInput coinbaseInput = coinbase.inputs().get(0);
    assertThat(coinbaseInput.previousTxid()).isEqualTo(Hash32.ZERO);
    assertThat(coinbaseInput.previousVout()).isEqualTo(TxInput.COINBASE_VOUT);
    assertThat(coinbaseInput.scriptSig()).isEqualTo(HexFormat.of().parseHex("0305000004deadbeef"));
    assertThat(coinbaseInput.sequence()).isEqualTo(4294967295L);
    assertThat(coinbaseInput.witnessItems()).isEqualTo(1);
    // a coinbase witness is always kept, serialized as in a block: item count, then each item with its length
    assertThat(coinbaseInput.witness()).isEqualTo(HexFormat.of().parseHex("0120" + "00".repeat(32)));
    assertThat(coinbase.outputs().get(0).value()).isEqualTo(625_012_972L);
    assertThat(coinbase.outputs().get(0).script()).isEqualTo(HexFormat.of().parseHex("76a91459df2223b79fcf0dcbe360507d3befd459b91ac888ac"));
    assertThat(coinbase.outputs().get(1).value()).isZero();
    assertThat(classified.scripts()[0][0].type()).isEqualTo(ScriptType.P2PKH);
    assertThat(classified.scripts()[0][0].address()).isEqualTo("19CCSeitSywDq9PtQbZchwYXyYGc5cM2Qp");
    assertThat(classified.scripts()[0][1].type()).isEqualTo(ScriptType.OP_RETURN);

    BitcoinTransaction spend = block.transactions().get(1);
    assertThat(spend.isCoinbase()).isFalse();
    assertThat(spend.txid()).isEqualTo(Hash32.parse(SPEND_TXID));
    assertThat(spend.wtxid()).isEqualTo(Hash32.parse(SPEND_WTXID));
    assertThat(spend.lockTime()).isEqualTo(700001L);
    assertThat(spend.baseSize()).isEqualTo(90);
    assertThat(spend.virtualSize()).isEqualTo(98);
    TxInput input = spend.inputs().get(0);
    assertThat(input.previousTxid()).isEqualTo(Hash32.parse(SPENT_TXID));
    assertThat(input.previousVout()).isEqualTo(1);
    assertThat(input.scriptSig()).isEmpty();
    assertThat(input.sequence()).isEqualTo(4294967293L);
    assertThat(input.witnessItems()).isEqualTo(2);
    assertThat(input.witness()).as("not kept unless input scripts are stored").isNull();
    assertThat(spend.outputs().get(0).value()).isEqualTo(8_023_473_336L);
    assertThat(classified.scripts()[1][0].address()).isEqualTo("bc1qwryfq0pku0x48zjhv2uknxahuqetjfpjpsdjw4");
    assertThat(classified.txids()).containsExactly(COINBASE_TXID, SPEND_TXID);

    TxInput kept = read(messages(BTC, true), document("6.25012972", "80.23473336")).block().transactions().get(1).inputs().get(0);
    assertThat(kept.witness()).isEqualTo(HexFormat.of().parseHex("0202304402" + "02aa"));
  }

  @ParameterizedTest
  @CsvSource({
    "0.29, 29000000",
    "0.3, 30000000",
    "1e-8, 1",
    "1E-7, 10",
    "7.217e-05, 7217",
    "20999999.9769, 2099999997690000",
    "21000000, 2100000000000000",
    "21000000.0, 2100000000000000",
    "0.10000000, 10000000",
    "8.2, 820000000",
  })
  void valuesAreReadFromTheirDecimalText(String text, long satoshi) {
    ClassifiedBlock classified = read(messages(BTC, false), document(text, "0.1"));
    assertThat(classified.block().transactions().get(0).outputs().get(0).value()).isEqualTo(satoshi);
  }

  @Test
  void dogecoinValuesAreIntegersOfKoinu() {
    ChainProfile doge = ChainProfiles.load("doge");
    String document = document("1000000000000", "150000000")
        .replace("19CCSeitSywDq9PtQbZchwYXyYGc5cM2Qp", "DDLHyufXkPqWN9aV9BZBFhi8rfzuJSx33D")
        .replace("\"script_pubkey\":\"001470c8903c36e3cd538a5762b9699bb7e032b92432\"", "\"script_pubkey\":\"76a91459df2223b79fcf0dcbe360507d3befd459b91ac888ac\"")
        .replace("bc1qwryfq0pku0x48zjhv2uknxahuqetjfpjpsdjw4", "DDLHyufXkPqWN9aV9BZBFhi8rfzuJSx33D");
    BitcoinTransaction spend = read(messages(doge, false), document).block().transactions().get(1);
    assertThat(spend.outputs().get(0).value()).isEqualTo(150_000_000L);
    assertThat(read(messages(doge, false), document).block().transactions().get(0).outputs().get(0).value()).isEqualTo(1_000_000_000_000L);
    assertMalformed(messages(doge, false), document.replace("150000000", "1.5"), "tx[1] (" + SPEND_TXID + ").vout[0].value: 1.5 is not a whole number of base units");
  }

  @Test
  void cashAddressesCompareWithOrWithoutTheirPrefix() {
    ChainProfile bch = ChainProfiles.load("bch");
    String noWitness = document("6.25", "1").replace("\"tx_in_witness\":[\"3044\",\"02aa\"]", "\"tx_in_witness\":[]")
        .replace("\"weight\":390", "\"weight\":480")
        .replace("\"script_pubkey\":\"001470c8903c36e3cd538a5762b9699bb7e032b92432\"", "\"script_pubkey\":\"76a91459df2223b79fcf0dcbe360507d3befd459b91ac888ac\"");
    String prefixed = noWitness.replace("19CCSeitSywDq9PtQbZchwYXyYGc5cM2Qp", "bitcoincash:qpva7g3rk70u7rwtuds9qlfmal29nwg6eqd49wm3kv")
        .replace("bc1qwryfq0pku0x48zjhv2uknxahuqetjfpjpsdjw4", "qpva7g3rk70u7rwtuds9qlfmal29nwg6eqd49wm3kv");
    ClassifiedBlock classified = read(messages(bch, false), prefixed);
    assertThat(classified.scripts()[1][0].address()).isEqualTo("bitcoincash:qpva7g3rk70u7rwtuds9qlfmal29nwg6eqd49wm3kv");
    assertThat(classified.block().transactions().get(1).hasWitness()).isFalse();
    assertThat(classified.block().transactions().get(1).baseSize()).isEqualTo(120);
  }

  @Test
  void theFamilyOffersTheMessagesForEveryChain() {
    for (String chain : ChainProfiles.CHAINS) {
      ChainSupport support = new BitcoinFamily().open(new ChainId(chain), "mainnet", SplitOptions.defaults());
      assertThat(support.bdsMessages()).as(chain).isPresent();
      assertThat(support.bdsMessages().get().splitter().tables()).isEqualTo(support.splitter().tables());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // what is replaced | by what | the error after the origin
        "\"value\":VALUE0 | \"value\":\"0.29\" | tx[0] (" + COINBASE_TXID + ").vout[0].value: expected a number, got the string \"0.29\"",
        "\"value\":VALUE0 | \"value\":-0.5 | tx[0] (" + COINBASE_TXID + ").vout[0].value: -0.5 is negative",
        "\"value\":VALUE0 | \"value\":0.123456789 | tx[0] (" + COINBASE_TXID + ").vout[0].value: 0.123456789 has more than 8 decimals",
        "\"value\":VALUE0 | \"value\":21000000.00000001 | tx[0] (" + COINBASE_TXID + ").vout[0].value: 21000000.00000001 exceeds the chain's maximum of 21000000.00000000 coins",
        "\"value\":VALUE0 | \"value\":null | tx[0] (" + COINBASE_TXID + ").vout[0].value: missing",
        "\"value\":VALUE0, | '' | tx[0] (" + COINBASE_TXID + ").vout[0].value: missing",
        "\"lock_time\":700001 | \"lock_time\":-1 | tx[1] (" + SPEND_TXID + ").lock_time: -1 is out of range (0 to 4294967295)",
        "\"lock_time\":700001 | \"locktime\":\"700001\" | tx[1] (" + SPEND_TXID + ").locktime: expected an integer, got the string \"700001\"",
        "\"vout_num_origin\":1 | \"vout_num_origin\":1.0 | tx[1] (" + SPEND_TXID + ").vin[0].vout_num_origin: expected an integer, got the number 1.0",
        "\"script_sig\":\"\" | \"script_sig\":\"0g\" | tx[1] (" + SPEND_TXID + ").vin[0].script_sig: expected hexadecimal bytes, got \"0g\"",
        "\"script_sig\":\"\" | \"script_sig\":\"abc\" | tx[1] (" + SPEND_TXID + ").vin[0].script_sig: expected hexadecimal bytes, got an odd number of digits (3)",
        "\"script_sig\":\"\", | '' | tx[1] (" + SPEND_TXID + ").vin[0].script_sig: missing (nor scriptSig)",
        "\"tx_in_witness\":[\"3044\",\"02aa\"] | \"tx_in_witness\":\"3044\" | tx[1] (" + SPEND_TXID + ").vin[0].tx_in_witness: expected an array, got the string \"3044\"",
        "\"tx_id_origin\":\"" + SPENT_TXID + "\" | \"tx_id_origin\":\"03d7\" | tx[1] (" + SPEND_TXID + ").vin[0].tx_id_origin: expected a 64-digit hex hash, got \"03d7\"",
        "\"sequence\":4294967293 | \"sequence\":4294967296 | tx[1] (" + SPEND_TXID + ").vin[0].sequence: 4294967296 is out of range (0 to 4294967295)",
        "\"weight\":390 | \"weight\":391 | tx[1] (" + SPEND_TXID + ").weight: 391 is not 3 × base size + size for size 120",
        "\"tx_id\":\"" + SPEND_TXID + "\" | \"tx_id\":7 | tx[1].tx_id: expected a string, got the number 7",
        "\"script_pubkey\":\"001470c8903c36e3cd538a5762b9699bb7e032b92432\" | \"script_pubkey\":\"0014" + "70c8903c36e3cd538a5762b9699bb7e032b92433\" | tx[1] (" + SPEND_TXID + ").vout[0]: the message's addresses [bc1qwryfq0pku0x48zjhv2uknxahuqetjfpjpsdjw4] are not those of its script_pubkey (p2wpkh [bc1qwryfq0pku0x48zjhv2uknxahuqetjfpnuxe8n8])",
        "\"vin\":[{\"tx_id_origin\" | \"vin\":[{\"coinbase\":\"00\",\"tx_id_origin\" | tx[1] (" + SPEND_TXID + ").vin[0].coinbase: a coinbase input must be the only input of the block's first transaction",
        "\"tx_id_origin\":\"" + SPENT_TXID + "\",\"vout_num_origin\":1 | \"tx_id_origin\":\"" + NULL_TXID + "\",\"vout_num_origin\":4294967295 | tx[1] (" + SPEND_TXID + ").vin[0]: spends the null outpoint but has no coinbase field",
        "\"bits\":\"1d00ffff\" | \"bits\":\"1d00fffg\" | bits: expected up to eight hex digits, got \"1d00fffg\"",
        "\"merkle_root\" | \"merkle_rot\" | merkle_root: missing (nor merkleroot)",
        "\"size\":351 | \"size\":351,\"size\":352 | not a JSON document: Duplicate field 'size'",
        "\"tx\":[ | \"tx\":[],\"ignored\":[ | tx: a block has at least one transaction (its coinbase)",
        "\"vin\":[{\"tx_id_origin\":\"" + SPENT_TXID + "\",\"vout_num_origin\":1,\"script_sig\":\"\",\"tx_in_witness\":[\"3044\",\"02aa\"],\"sequence\":4294967293}] | \"vin\":[] | tx[1] (" + SPEND_TXID + ").vin: a transaction has at least one input",
        "\"version\":536870912, | \"version\":536870912.5, | version: expected an integer, got the number 536870912.5",
      })
  void malformedMessagesNameOriginAndField(String replaced, String by, String error) {
    String document = document("6.25012972", "80.23473336");
    String original = replaced.replace("VALUE0", "6.25012972");
    assertThat(document).as("the test edits an existing text").contains(original);
    assertMalformed(messages(BTC, false), document.replace(original, by), error);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all | not a JSON document",
        "[1,2,3] | (document): expected a JSON object",
        "{\"height\":5,\"hash\":\"" + HASH + "\"} | prev_hash: missing",
        "{\"height\":-5,\"hash\":\"" + HASH + "\",\"prev_hash\":\"" + PARENT + "\"} | height: expected a block height, got -5",
        "{\"height\":\"5\",\"hash\":\"" + HASH + "\",\"prev_hash\":\"" + PARENT + "\"} | height: expected a block height, got \"5\"",
        "{\"height\":5,\"hash\":\"00\",\"prev_hash\":\"" + PARENT + "\"} | hash: expected a 64-digit hex hash, got \"00\"",
        "{\"height\":5,\"hash\":[],\"prev_hash\":\"" + PARENT + "\"} | hash: expected a 64-digit hex hash, got an array",
        "{\"height\":5,\"hash\":\"" + HASH + "\",\"prev_hash\": | not a JSON document",
        "'' | (document): expected a JSON object",
      })
  void malformedEnvelopes(String document, String error) {
    BdsException e = catchThrowableOfType(BdsException.class, () -> messages(BTC, false).envelope(document.getBytes(UTF_8), ORIGIN));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
    assertThat(e.getMessage()).startsWith(ORIGIN + ": " + error);
  }

  @Test
  void aMessageMustBeTheBlockItsEnvelopeAnnounced() {
    BitcoinBdsMessages messages = messages(BTC, false);
    byte[] bytes = document("1", "1").getBytes(UTF_8);
    SourceBlock announced = new SourceBlock(6, Hash32.parse(HASH), Hash32.parse(PARENT), bytes, ORIGIN);
    BdsException e = catchThrowableOfType(BdsException.class, () -> messages.splitter().decode(announced));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
    assertThat(e.getMessage()).isEqualTo(ORIGIN + ": the message is block 5 " + HASH + " (parent " + PARENT + "), expected 6 " + HASH + " (parent " + PARENT + ")");
  }

  private static void assertMalformed(BitcoinBdsMessages messages, String document, String error) {
    BdsException e = catchThrowableOfType(BdsException.class, () -> read(messages, document));
    assertThat(e).as("no error for " + error).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
    assertThat(e.getMessage()).startsWith(ORIGIN + ": " + error);
  }

  @Test
  void rawNodeNamesOfBitcoinSvNodesAreRead() {
    String document = document("50", "49.9999")
        .replace("\"tx_id\":", "\"txid\":")
        .replace("\"lock_time\":", "\"locktime\":")
        .replace("\"tx_id_origin\":", "\"txid\":")
        .replace("\"vout_num_origin\":", "\"vout\":")
        .replace("\"script_sig\":\"\"", "\"scriptSig\":{\"asm\":\"\",\"hex\":\"51\"}");
    BitcoinTransaction spend = read(messages(BTC, false), document).block().transactions().get(1);
    assertThat(spend.txid()).isEqualTo(Hash32.parse(SPEND_TXID));
    assertThat(spend.lockTime()).isEqualTo(700001L);
    assertThat(spend.inputs().get(0).previousTxid()).isEqualTo(Hash32.parse(SPENT_TXID));
    assertThat(spend.inputs().get(0).previousVout()).isEqualTo(1);
    assertThat(spend.inputs().get(0).scriptSig()).isEqualTo(new byte[] {0x51});
    assertThat(spend.outputs().get(0).value()).isEqualTo(4_999_990_000L);
    assertThat(spend.inputs().get(0).sequence()).isEqualTo(4294967293L);
  }
}
