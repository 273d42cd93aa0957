package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

class TokenMetadataReaderTest {
  private static final String TOKEN = "0x9f8f72aa9304c8b593d555f12ef6589cc3a579a2";
  private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void callsTheFourGettersByTheirSelectors() {
    FakeCaller caller = new FakeCaller();
    new TokenMetadataReader(caller).read(TOKEN);

    assertThat(caller.calls)
        .containsExactly(TOKEN + " 0x06fdde03", TOKEN + " 0x95d89b41", TOKEN + " 0x313ce567", TOKEN + " 0x18160ddd");
  }

  @Test
  void decodesAbiStringsAndUint256Returns() {
    FakeCaller caller =
        new FakeCaller()
            .answer(TokenMetadataReader.NAME, abiString("Dai Stablecoin".getBytes(StandardCharsets.UTF_8)))
            .answer(TokenMetadataReader.SYMBOL, abiString("Ωmega €".getBytes(StandardCharsets.UTF_8)))
            .answer(TokenMetadataReader.DECIMALS, "0x" + word(18))
            .answer(TokenMetadataReader.TOTAL_SUPPLY, "0x" + "f".repeat(64));

    assertThat(new TokenMetadataReader(caller).read(TOKEN))
        .isEqualTo(new TokenMetadata(Optional.of("Dai Stablecoin"), Optional.of("Ωmega €"), Optional.of(18),
            Optional.of(MAX)));
  }

  @Test
  void decodesBytes32ReturnsLikeMkr() {
    // MKR's name() and symbol() return bytes32: "Maker" and "MKR" padded with zero bytes
    FakeCaller caller =
        new FakeCaller()
            .answer(TokenMetadataReader.NAME, "0x4d616b6572" + "00".repeat(27))
            .answer(TokenMetadataReader.SYMBOL, "0x4d4b52" + "00".repeat(29));

    TokenMetadata metadata = new TokenMetadataReader(caller).read(TOKEN);

    assertThat(metadata.name()).contains("Maker");
    assertThat(metadata.symbol()).contains("MKR");
  }

  @Test
  void removesNulCharactersAndTreatsNothingLeftAsUnknown() {
    FakeCaller caller =
        new FakeCaller()
            .answer(TokenMetadataReader.NAME, abiString(new byte[] {'E', 0, 'T', 0, 'H', 0, 0}))
            .answer(TokenMetadataReader.SYMBOL, "0x" + "00".repeat(32));

    TokenMetadata metadata = new TokenMetadataReader(caller).read(TOKEN);

    assertThat(metadata.name()).contains("ETH");
    assertThat(metadata.symbol()).isEmpty();
  }

  @Test
  void invalidUtf8IsUnknownNotReplaced() {
    FakeCaller caller =
        new FakeCaller()
            .answer(TokenMetadataReader.NAME, abiString(new byte[] {'A', (byte) 0xff, (byte) 0xfe}))
            .answer(TokenMetadataReader.SYMBOL, "0xc328" + "00".repeat(30)); // a cut-off two-byte sequence

    TokenMetadata metadata = new TokenMetadataReader(caller).read(TOKEN);

    assertThat(metadata.name()).isEmpty();
    assertThat(metadata.symbol()).isEmpty();
  }

  @Test
  void revertedAndEmptyAnswersAreUnknown() {
    // name() and decimals() return nothing; symbol() and totalSupply() revert
    FakeCaller caller =
        new FakeCaller().answer(TokenMetadataReader.DECIMALS, "0x").answer(TokenMetadataReader.NAME, "0x");

    assertThat(new TokenMetadataReader(caller).read(TOKEN))
        .isEqualTo(new TokenMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  @Test
  void garbageStringReturnsAreUnknown() {
    List<String> garbage =
        List.of(
            "0x" + "41".repeat(31), // shorter than a word
            "0x" + "41".repeat(33), // neither bytes32 nor a string
            "0x" + "f".repeat(64) + word(3) + "41".repeat(32), // offset does not fit an int
            "0x" + word(0x1000) + word(3) + "41".repeat(32), // offset past the end
            "0x" + word(0x20) + "8" + "0".repeat(63) + "41".repeat(32), // length 2^255
            "0x" + word(0x20) + word(0x7fffffff) + "41".repeat(32), // length past the end, near int overflow
            "0x" + word(0x20) + word(33) + "41".repeat(32), // one byte short
            "0xzz" + "00".repeat(31), // not hex
            "0x123", // odd number of digits
            "garbage");
    for (String answer : garbage) {
      FakeCaller caller = new FakeCaller().answer(TokenMetadataReader.NAME, answer);
      assertThat(new TokenMetadataReader(caller).read(TOKEN).name()).as(answer).isEmpty();
    }
  }

  @Test
  void decimalsMustFitAUint8() {
    assertThat(decimals("0x" + word(0))).contains(0);
    assertThat(decimals("0x" + word(255))).contains(255);
    assertThat(decimals("0x" + word(256))).isEmpty();
    assertThat(decimals("0x" + "f".repeat(64))).isEmpty();
    assertThat(decimals("0x" + word(18).substring(2))).isEmpty(); // 31 bytes
    assertThat(decimals("0x" + word(8) + word(99))).contains(8); // trailing words ignored, as ABI decoders do
  }

  @Test
  void totalSupplyTakesAnyUint256() {
    FakeCaller caller = new FakeCaller().answer(TokenMetadataReader.TOTAL_SUPPLY, "0x" + word(0));
    assertThat(new TokenMetadataReader(caller).read(TOKEN).totalSupply()).contains(BigInteger.ZERO);
  }

  @Test
  void aNodeThatCannotBeAskedIsAFailureNotAnUnknownField() {
    ContractCaller down =
        (address, data) -> {
          throw new BdsException(ErrorCode.NODE_UNAVAILABLE, "connection refused");
        };

    assertThatThrownBy(() -> new TokenMetadataReader(down).read(TOKEN))
        .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NODE_UNAVAILABLE));
  }

  private static Optional<Integer> decimals(String answer) {
    FakeCaller caller = new FakeCaller().answer(TokenMetadataReader.DECIMALS, answer);
    return new TokenMetadataReader(caller).read(TOKEN).decimals();
  }

  private static String abiString(byte[] bytes) {
    int padded = (bytes.length + 31) / 32 * 32;
    byte[] body = new byte[padded];
    System.arraycopy(bytes, 0, body, 0, bytes.length);
    return "0x" + word(0x20) + word(bytes.length) + HEX.formatHex(body);
  }

  private static String word(long value) {
    return String.format("%064x", value);
  }

  /** Answers each selector from a table; a selector without an answer reverts. Records the calls in order. */
  private static final class FakeCaller implements ContractCaller {
    private final Map<String, String> answers = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    FakeCaller answer(String selector, String hex) {
      answers.put(selector, hex);
      return this;
    }

    @Override
    public Optional<String> call(String contractAddress, String data) {
      calls.add(contractAddress + " " + data);
      return Optional.ofNullable(answers.get(data));
    }
  }
}
