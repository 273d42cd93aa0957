package org.openbds.ethereum.split;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.ethereum.codec.EthBlock;
import org.openbds.ethereum.codec.EthBlockBundle;
import org.openbds.ethereum.codec.EthBlockDecoder;
import org.openbds.ethereum.codec.EthReceiptConformanceTest;
import org.openbds.ethereum.codec.EtlData;
import org.openbds.ethereum.codec.TraceStyle;
import org.openbds.ethereum.profile.EthChainProfile;
import org.openbds.ethereum.profile.RewardSchedule;
import org.openbds.ethereum.token.TokenHolding;

/**
 * The hand-off of decoded payloads from a source to the splitter: what a source records is what decoding the bytes
 * gives, it is found only by the very array it was recorded for, once, and the splitter's result is the same either way.
 */
class DecodedPayloadsTest {
  private static final String ORIGIN = "eth block 483920";
  private static final RewardSchedule MAINNET = EthChainProfile.load("eth").network("mainnet").rewards();

  @Test
  void whatASourceRecordsIsWhatDecodingTheBytesGives() {
    JsonNode block = block();
    JsonNode receipts = receipts(block);
    NodeFacts facts = facts(EthSourcePayload.bundle(block, receipts, TraceStyle.NONE, null, ORIGIN));
    EthBlockBundle bundle = EthSourcePayload.bundle(block, receipts, TraceStyle.NONE, null, ORIGIN);
    byte[] payload = EthSourcePayload.encode(block, receipts, TraceStyle.NONE, null, facts);
    assertThat(new EthSourcePayload(bundle, facts)).isEqualTo(EthSourcePayload.decode(payload, ORIGIN));
  }

  @Test
  void aDamagedTokenOpeningIsAMalformedBlock() {
    String payload = new String(encoded(), UTF_8);
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    for (String[] damage : List.of(
        new String[] {"\"standard\":\"ERC20\"", "\"standard\":\"ERC99\""},
        new String[] {"\"amount\":\"" + max + "\"", "\"amount\":null"},
        new String[] {"\"amount\":\"" + max + "\"", "\"amount\":\"12x\""},
        new String[] {"\"tokenId\":\"10\"", "\"tokenId\":null"},
        new String[] {"\"tokenOpenings\":[", "\"tokenOpenings\":[7,"})) {
      assertThat(payload).contains(damage[0]);
      byte[] damaged = payload.replace(damage[0], damage[1]).getBytes(UTF_8);
      assertThatThrownBy(() -> EthSourcePayload.decode(damaged, ORIGIN))
          .as(damage[1])
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK))
          .hasMessageContaining(ORIGIN);
    }
  }

  @Test
  void foundOnlyByTheSameArrayAndOnlyOnce() {
    byte[] payload = encoded();
    EthSourcePayload decoded = EthSourcePayload.decode(payload, ORIGIN);
    DecodedPayloads handOff = new DecodedPayloads();
    handOff.put(payload, decoded);
    assertThat(handOff.take(payload.clone())).isEmpty();
    assertThat(handOff.take(payload)).containsSame(decoded);
    assertThat(handOff.take(payload)).isEmpty();
  }

  @Test
  void theSplitterTakesWhatWasHandedOverAndDecodesEverythingElseFromItsBytes() {
    byte[] payload = encoded();
    EthSourcePayload decoded = EthSourcePayload.decode(payload, ORIGIN);
    EthBlock b = decoded.bundle().block();
    DecodedPayloads handOff = new DecodedPayloads();
    EthSplitter splitter = new EthSplitter(MAINNET, handOff);

    EthDecodedBlock fromBytes = splitter.decode(new SourceBlock(b.number(), b.hash(), b.parentHash(), payload, ORIGIN));
    handOff.put(payload, decoded);
    EthDecodedBlock handedOver = splitter.decode(new SourceBlock(b.number(), b.hash(), b.parentHash(), payload, ORIGIN));
    assertThat(handedOver.bundle()).isSameAs(decoded.bundle());
    assertThat(handedOver).isEqualTo(fromBytes);

    // bytes that were never handed over are read as bytes, and refused when they are not a payload
    byte[] foreign = "not a payload".getBytes(UTF_8);
    assertThatThrownBy(() -> splitter.decode(new SourceBlock(b.number(), b.hash(), b.parentHash(), foreign, ORIGIN)))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BLOCK));
  }

  private static byte[] encoded() {
    JsonNode block = block();
    JsonNode receipts = receipts(block);
    return EthSourcePayload.encode(block, receipts, TraceStyle.NONE, null, facts(EthSourcePayload.bundle(block, receipts, TraceStyle.NONE, null, ORIGIN)));
  }

  /** Opening balances for every address the block touches, a different one each, as a source would read them. */
  private static NodeFacts facts(EthBlockBundle bundle) {
    Map<String, BigInteger> openings = new java.util.LinkedHashMap<>();
    for (BalanceChange c : NativeBalanceChanges.of(bundle, List.of(), MAINNET)) {
      openings.putIfAbsent(c.address(), BigInteger.valueOf(1_000_000L + openings.size()));
    }
    String token = "0x" + "ab".repeat(20);
    String holder = "0x" + "cd".repeat(20);
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    Map<String, NodeFacts.TokenOpening> holdings = new java.util.LinkedHashMap<>();
    for (NodeFacts.TokenOpening o : List.of(
        new NodeFacts.TokenOpening(TokenHolding.erc20(token, holder), Optional.of(new TokenHolding.Held(holder, max))),
        new NodeFacts.TokenOpening(TokenHolding.erc1155(token, holder, max), Optional.empty()),
        new NodeFacts.TokenOpening(TokenHolding.erc721(token, BigInteger.TEN), Optional.of(new TokenHolding.Held(holder, BigInteger.ONE))))) {
      holdings.put(o.holding().key(), o);
    }
    return new NodeFacts(List.of(), openings,
        Map.of(token, new NodeFacts.TokenCalls(Optional.of("0x"), Optional.empty(), Optional.empty(), Optional.empty())), holdings);
  }

  private static JsonNode block() {
    Path dir = EtlData.caseDir("test_export_blocks_job", "block_with_logs");
    return EtlData.result(EtlData.answer(dir, "eth_getBlockByNumber")).deepCopy();
  }

  private static JsonNode receipts(JsonNode block) {
    Path dir = EtlData.caseDir("test_export_receipts_job", "receipts_with_logs");
    return EthReceiptConformanceTest.receiptsInBlockOrder(dir, EthBlockDecoder.decode(block));
  }
}
