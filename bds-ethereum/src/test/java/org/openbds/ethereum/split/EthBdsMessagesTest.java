package org.openbds.ethereum.split;

import org.openbds.api.CapturedRows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.SourceBlock;
import org.openbds.api.SplitOptions;
import org.openbds.ethereum.EthereumFamily;
import org.openbds.ethereum.bds.EthBdsMessages;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthReceipt;
import org.openbds.ethereum.codec.EthTrace;
import org.openbds.ethereum.codec.EthTransaction;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.token.TokenStandard;
import org.openbds.ethereum.token.TokenTransfer;

/**
 * A hand-written Ethereum message of the original BDS product (block 5,000,000: an uncle, a call with internal
 * transactions and a token transfer, a failed creation) read field by field, split into rows, and every way it can be
 * malformed. The balances are post-block snapshots chosen so that each address's opening balance is a round figure.
 */
class EthBdsMessagesTest {
  private static final String ORIGIN = "topic eth partition 0 offset 9";
  private static final String A = "0x00000000000000000000000000000000000000aa";
  private static final String B = "0x00000000000000000000000000000000000000bb";
  private static final String C = "0x00000000000000000000000000000000000000cc";
  private static final String D = "0x00000000000000000000000000000000000000dd";
  private static final String E = "0x00000000000000000000000000000000000000ee";
  private static final String M = "0x000000000000000000000000000000000000abcd";
  private static final String U = "0x000000000000000000000000000000000000beef";
  private static final String T = "0xdac17f958d2ee523a2206206994597c13d831ec7";
  private static final String TX0 = "0x" + "11".repeat(32);
  private static final String TX1 = "0x" + "22".repeat(32);
  private static final String HASH = "0x" + "a5".repeat(32);
  private static final String PARENT = "0x" + "a4".repeat(32);
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final BigInteger BIG = BigInteger.TWO.pow(200);

  static final String DOCUMENT =
      """
      {"block":{"height":5000000,"timestamp":1517319693,"hash":"%s","parent_hash":"%s",
        "sha_3_uncles":"%s","miner":"000000000000000000000000000000000000ABCD","miner_balance":103096750000000000000,
        "difficulty":2510067773208735,"total_difficulty":3110052186542106713706,"extra_data":"0x65746865726d696e652d61736961312d32",
        "logs_bloom":"0x%s","transaction_root":"%s","state_root":"%s","receipts_root":"%s",
        "gas_used":150000,"gas_limit":7992222,"nonce":"0x0c0ffee0decafbad","mix_hash":"%s","size":1234,
        "block_reward":3093750000000000000,"reference_reward":93750000000000000},
       "uncles":[{"hash":"%s","height":4999998,"block_height":5000000,"miner":"%s","reward":2250000000000000000,"miner_balance":2250000000000000000}],
       "transactions":[
        {"hash":"%s","block_height":5000000,"from":"%s","from_balance":8999000000000000000,"to":"%s","to_balance":600000000000000000,
         "value":1000000000000000000,"nonce":7,"v":37,"r":1,"s":2,"timestamp":1517319693,"tx_block_index":0,"type":0,"status":1,
         "gas_number":90000,"gas_price":20000000000,"gas_used":50000,"cumulative_gas_used":50000,"contract_address":"",
         "logs_bloom":"0x00","root":"","log_len":1,"tx_size":120},
        {"hash":"%s","block_height":5000000,"from":"%s","from_balance":5398000000000000000,"to":null,"to_balance":0,
         "value":0,"nonce":0,"v":27,"r":1,"s":2,"timestamp":1517319693,"tx_block_index":1,"type":0,"status":0,
         "gas_number":200000,"gas_price":20000000000,"gas_used":100000,"cumulative_gas_used":150000,"contract_address":"%s",
         "logs_bloom":"0x00","root":"","log_len":0,"tx_size":300}],
       "internal_transactions":[
        {"block_height":5000000,"timestamp":1517319693,"hash":"%s","tx_index":0,"internal_tx_index":0,"type":"CALL",
         "from":"%s","from_balance":600000000000000000,"to":"%s","to_balance":5398000000000000000,"value":400000000000000000,"gas":30000,"gas_used":21000},
        {"block_height":5000000,"timestamp":1517319693,"hash":"%s","tx_index":0,"internal_tx_index":1,"type":"DELEGATECALL",
         "from":"%s","to":"%s","value":400000000000000000,"gas":10000,"gas_used":500}],
       "token_transactions":[
        {"block_height":5000000,"timestamp":1517319693,"parent_tx_hash":"%s","parent_tx_index":0,"from":"%s","from_balance":0,
         "to":"%s","to_balance":%s,"value":%s,"token_address":"%s","log_index":3,"is_removed":false}],
       "tokens":[{"token_address":"%s","decimal_len":6,"name":"Tether USD","symbol":"USDT","total_supply":"1000000000000","owner":"%s","timestamp":1517319693}],
       "enses":[]}
      """
          .formatted(HASH, PARENT, "0x" + "1d".repeat(32), "00".repeat(256), "0x" + "01".repeat(32), "0x" + "02".repeat(32), "0x" + "03".repeat(32),
              "0x" + "04".repeat(32), "0x" + "05".repeat(32), U.substring(2),
              TX0, A.toUpperCase().replace("0X", "0x"), C.substring(2),
              TX1, B, E,
              TX0, C, B,
              TX0, C, D,
              TX0, C, A, BIG, BIG, T, T, A);

  private static EthSplitter splitter() {
    return new EthSplitter(EthChainProfile.load("eth").network("mainnet").rewards());
  }

  private static EthDecodedBlock decode(EthBdsMessages messages, String document) {
    SourceBlock envelope = messages.envelope(document.getBytes(UTF_8), ORIGIN);
    return messages.splitter().decode(envelope);
  }

  @Test
  void theEnvelopeReadsTheBlocksPosition() {
    SourceBlock block = new EthBdsMessages(splitter()).envelope(DOCUMENT.getBytes(UTF_8), ORIGIN);
    assertThat(block.height()).isEqualTo(5_000_000L);
    assertThat(block.hash()).isEqualTo(Hash32.parse(HASH.substring(2)));
    assertThat(block.parent()).isEqualTo(Hash32.parse(PARENT.substring(2)));
  }

  @Test
  void everyCarriedFieldLandsInTheDecodedBlock() {
    EthDecodedBlock decoded = decode(new EthBdsMessages(splitter()), DOCUMENT);
    EthBlock b = decoded.bundle().block();
    assertThat(b.number()).isEqualTo(5_000_000L);
    assertThat(b.timestamp()).isEqualTo(1517319693L);
    assertThat(b.miner()).isEqualTo(M);
    assertThat(b.difficulty()).isEqualTo(new BigInteger("2510067773208735"));
    assertThat(b.totalDifficulty()).contains(new BigInteger("3110052186542106713706"));
    assertThat(b.extraData()).isEqualTo("0x65746865726d696e652d61736961312d32");
    assertThat(b.nonce()).isEqualTo("0x0c0ffee0decafbad");
    assertThat(b.gasUsed()).isEqualTo(150_000L);
    assertThat(b.gasLimit()).isEqualTo(7_992_222L);
    assertThat(b.size()).isEqualTo(1234L);
    assertThat(b.sha3Uncles()).isEqualTo(Hash32.parse("1d".repeat(32)));
    assertThat(b.logsBloom()).isEqualTo("0x" + "00".repeat(256));
    assertThat(b.transactionsRoot()).isEqualTo(Hash32.parse("01".repeat(32)));
    assertThat(b.mixHash()).contains(Hash32.parse("04".repeat(32)));
    assertThat(b.baseFeePerGas()).isEmpty();
    assertThat(b.uncles()).containsExactly(Hash32.parse("05".repeat(32)));
    assertThat(decoded.facts().uncles()).containsExactly(new NativeBalanceChanges.Uncle(4_999_998L, U));

    EthTransaction call = b.transactions().get(0);
    assertThat(call.from()).as("normalised to 0x and lowercase").isEqualTo(A);
    assertThat(call.to()).contains(C);
    assertThat(call.value()).isEqualTo(ETHER);
    assertThat(call.nonce()).isEqualTo(7);
    assertThat(call.gas()).isEqualTo(90_000);
    assertThat(call.gasPrice()).contains(BigInteger.valueOf(20_000_000_000L));
    assertThat(call.chainId()).as("v = 37 is EIP-155 on chain 1").contains(1L);
    assertThat(call.input()).as("not carried").isEqualTo("0x");
    EthTransaction creation = b.transactions().get(1);
    assertThat(creation.to()).isEmpty();
    assertThat(creation.chainId()).isEmpty();
    EthReceipt failed = decoded.bundle().receipts().get(1);
    assertThat(failed.status()).contains(0);
    assertThat(failed.gasUsed()).isEqualTo(100_000);
    assertThat(failed.cumulativeGasUsed()).isEqualTo(150_000);
    assertThat(failed.contractAddress()).contains(E);
    assertThat(failed.root()).isEmpty();
    assertThat(failed.logs()).isEmpty();

    List<EthTrace> traces = decoded.bundle().traces().orElseThrow();
    assertThat(traces).extracting(EthTrace::traceType, EthTrace::callType, EthTrace::traceAddress, EthTrace::value, EthTrace::reverted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call", Optional.of("call"), List.of(), ETHER, false),
            org.assertj.core.groups.Tuple.tuple("call", Optional.of("call"), List.of(0), ETHER.multiply(BigInteger.valueOf(4)).divide(BigInteger.TEN), false),
            org.assertj.core.groups.Tuple.tuple("call", Optional.of("delegatecall"), List.of(1), BigInteger.ZERO, false),
            org.assertj.core.groups.Tuple.tuple("create", Optional.empty(), List.of(), BigInteger.ZERO, true));
    assertThat(traces.get(0).subtraces()).isEqualTo(2);
    assertThat(traces.get(1).fromAddress()).contains(C);
    assertThat(traces.get(1).toAddress()).contains(B);
    assertThat(traces.get(1).gasUsed()).contains(BigInteger.valueOf(21_000));

    assertThat(decoded.tokenTransfers()).containsExactly(new TokenTransfer(T, TokenStandard.ERC20, Optional.empty(), C, A, BIG, Optional.empty(),
        Hash32.parse(TX0.substring(2)), 3, 0));
    assertThat(decoded.contracts()).as("no runtime code in the message").isEmpty();
    // opening balance = post-block snapshot less the block's changes
    assertThat(decoded.facts().openings()).isEqualTo(Map.of(
        A, ETHER.multiply(BigInteger.TEN), B, ETHER.multiply(BigInteger.valueOf(5)), C, BigInteger.ZERO,
        M, ETHER.multiply(BigInteger.valueOf(100)), U, BigInteger.ZERO));
  }

  @Test
  void theRowsAreThoseOfOurSplitter() {
    EthSplitter splitter = splitter();
    EthBdsMessages messages = new EthBdsMessages(splitter);
    CapturedRows rows = CapturedRows.of(messages.splitter().resolve(decode(messages, DOCUMENT)), EthTables.TABLES);
    Map<String, Object> block = rows.row(EthTables.BLOCKS);
    assertThat(block.get("number")).isEqualTo(5_000_000L);
    assertThat(block.get("hash")).isEqualTo(HASH);
    assertThat(block.get("total_difficulty")).isEqualTo(new BigInteger("3110052186542106713706"));
    assertThat(block.get("base_fee_per_gas")).isNull();
    assertThat(block.get("uncle_count")).isEqualTo(1);
    List<Map<String, Object>> txs = rows.rows(EthTables.TRANSACTIONS);
    assertThat(txs).extracting(r -> r.get("fee"), r -> r.get("status"), r -> r.get("to_address"), r -> r.get("contract_address"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BigInteger.valueOf(1_000_000_000_000_000L), 1, C, null),
            org.assertj.core.groups.Tuple.tuple(BigInteger.valueOf(2_000_000_000_000_000L), 0, null, E));
    assertThat(rows.rows(EthTables.LOGS)).isEmpty();
    assertThat(rows.rows(EthTables.TRACES)).extracting(r -> r.get("trace_id")).containsExactly(
        "call_" + TX0 + "_", "call_" + TX0 + "_0", "call_" + TX0 + "_1", "create_" + TX1 + "_");
    Map<String, Object> transfer = rows.row(EthTables.TOKEN_TRANSFERS);
    assertThat(transfer.get("value")).isEqualTo(BIG);
    assertThat(transfer.get("token_standard")).isEqualTo("erc20");
    Map<String, Object> token = rows.row(EthTables.TOKENS);
    assertThat(List.of(token.get("address"), token.get("name"), token.get("symbol"), token.get("decimals"), token.get("total_supply")))
        .isEqualTo(List.of(T, "Tether USD", "USDT", 6, new BigInteger("1000000000000")));
    Map<String, BigInteger> net = rows.rows(EthTables.BALANCE_CHANGES).stream()
        .collect(Collectors.groupingBy(r -> (String) r.get("address"), Collectors.reducing(BigInteger.ZERO, r -> (BigInteger) r.get("delta"), BigInteger::add)));
    // opening plus changes is the message's own post-block balance of every address it states one for
    assertThat(net).containsEntry(A, new BigInteger("8999000000000000000")).containsEntry(B, new BigInteger("5398000000000000000"))
        .containsEntry(C, new BigInteger("600000000000000000")).containsEntry(M, new BigInteger("103096750000000000000"))
        .containsEntry(U, new BigInteger("2250000000000000000"));
    assertThat(rows.rows(EthTables.UNCLES)).extracting(r -> r.get("reward")).containsExactly(new BigInteger("2250000000000000000"));
  }

  @Test
  void theFamilyOffersTheMessagesForBothChains() {
    for (String chain : List.of("eth", "etc")) {
      var support = new EthereumFamily().open(new ChainId(chain), "mainnet", SplitOptions.defaults());
      assertThat(support.bdsMessages()).as(chain).isPresent();
      assertThat(support.bdsMessages().get().splitter().tables()).isEqualTo(support.splitter().tables());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"value\":1000000000000000000, | \"value\":-1, | transactions[0].value: -1 is not an unsigned 256-bit integer",
        "\"value\":1000000000000000000, | \"value\":1.5, | transactions[0].value: expected an integer, got the number 1.5",
        "\"value\":1000000000000000000, | \"value\":\"lots\", | transactions[0].value: expected an integer, got the string \"lots\"",
        "\"value\":1000000000000000000, | '' | transactions[0].value: missing",
        "\"tx_block_index\":1, | \"tx_block_index\":2, | transactions[1].tx_block_index: 2, expected 1 (transactions in block order)",
        "\"type\":\"CALL\" | \"type\":\"JUMP\" | internal_transactions[0].type: unknown internal transaction type \"JUMP\"",
        "\"miner\":\"000000000000000000000000000000000000ABCD\" | \"miner\":\"0xabcd\" | block.miner: expected a 20-byte hex address, got \"0xabcd\"",
        "\"reward\":2250000000000000000 | \"reward\":2250000000000000001 | uncles[0].reward: 2250000000000000001 wei, but the chain's rules give",
        "\"miner_balance\":103096750000000000000 | \"miner_balance\":1 | (balances): " + M + " ends the block with 1 wei",
        "\"from_balance\":600000000000000000 | \"from_balance\":600000000000000001 | internal_transactions[0].from_balance: balance 600000000000000001 of " + C,
        "\"type\":0,\"status\":1 | \"type\":2,\"status\":1 | transactions[0].type: transaction type 2 needs fee caps and a base fee",
        "\"log_index\":3 | \"log_index\":\"3x\" | token_transactions[0].log_index: expected an integer",
        "\"parent_tx_hash\":\"0x1111 | \"parent_tx_hash\":\"0x3111 | token_transactions[0].parent_tx_hash: transaction 3111",
        "\"sha_3_uncles\" | \"sha3_uncles\" | block.sha_3_uncles: missing",
        "{\"block\":{ | {\"block\":[],\"x\":{ | block: expected an object, got an array",
      })
  void malformedMessagesNameOriginAndField(String replaced, String by, String error) {
    assertThat(DOCUMENT).as("the test edits an existing text").contains(replaced);
    String document = DOCUMENT.replaceFirst(java.util.regex.Pattern.quote(replaced), java.util.regex.Matcher.quoteReplacement(by));
    BdsException e = catchThrowableOfType(BdsException.class, () -> decode(new EthBdsMessages(splitter()), document));
    assertThat(e).as("no error for " + error).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
    assertThat(e.getMessage()).startsWith(ORIGIN + ": " + error);
  }

  @Test
  void notJsonIsMalformed() {
    BdsException e = catchThrowableOfType(BdsException.class, () -> new EthBdsMessages(splitter()).envelope("{\"block\":".getBytes(UTF_8), ORIGIN));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK);
    assertThat(e.getMessage()).startsWith(ORIGIN + ": not a JSON document");
  }
}
