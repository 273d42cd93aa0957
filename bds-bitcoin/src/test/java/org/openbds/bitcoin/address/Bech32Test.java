package org.openbds.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The segwit address test vectors of BIP173 and BIP350, both directions. */
class Bech32Test {
  private static final HexFormat HEX = HexFormat.of();

  /** BIP350's valid segwit addresses (which include BIP173's version-0 ones) with their scriptPubKeys. */
  @ParameterizedTest
  @CsvSource({
    "bc, BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4, 0014751e76e8199196d454941c45d1b3a323f1433bd6",
    "tb, tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7,"
        + " 00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
    "bc, bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y,"
        + " 5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
    "bc, BC1SW50QGDZ25J, 6002751e",
    "bc, bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs, 5210751e76e8199196d454941c45d1b3a323",
    "tb, tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy,"
        + " 0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    "tb, tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c,"
        + " 5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
    "bc, bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0,"
        + " 512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
    // Bitcoin Core's pay-to-anchor output (witness v1, 2-byte program)
    "bc, bc1pfeessrawgf, 51024e73",
    // Litecoin's versions of the BIP173 vectors (hrp ltc / tltc)
    "ltc, LTC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KGMN4N9, 0014751e76e8199196d454941c45d1b3a323f1433bd6",
    "tltc, tltc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qsnr4fp,"
        + " 00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
  })
  void validAddressesDecodeToTheirScriptAndEncodeBack(String hrp, String address, String scriptHex) {
    byte[] script = HEX.parseHex(scriptHex);
    int version = script[0] == 0 ? 0 : (script[0] & 0xff) - 0x50;
    byte[] program = Arrays.copyOfRange(script, 2, script.length);
    assertThat(script[1]).isEqualTo((byte) program.length);

    byte[] decoded = Bech32.decodeSegwit(hrp, address);
    assertThat(decoded).isNotNull();
    assertThat(decoded[0]).isEqualTo((byte) version);
    assertThat(Arrays.copyOfRange(decoded, 1, decoded.length)).isEqualTo(program);

    // addresses are emitted in lower case, the canonical form
    assertThat(Bech32.encodeSegwit(hrp, version, program)).isEqualTo(address.toLowerCase(Locale.ROOT));
  }

  /** Invalid addresses of BIP173 and BIP350 with the reason each is invalid; hrp is the one a caller would expect. */
  @ParameterizedTest
  @CsvSource({
    // BIP173
    "tb, tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty", // invalid human-readable part
    "bc, tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
    "bc, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", // invalid checksum
    "bc, BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2", // invalid witness version
    "bc, bc1rw5uspcuh", // invalid program length
    "bc, bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90", // invalid program length
    "bc, BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", // invalid program length for witness version 0
    "tb, tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", // mixed case
    "bc, bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", // zero padding of more than 4 bits
    "tb, tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv", // non-zero padding in 8-to-5 conversion
    "bc, bc1gmk9yu", // empty data section
    // BIP350
    "tb, tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", // invalid human-readable part
    "bc, bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", // bech32 instead of bech32m
    "tb, tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", // bech32 instead of bech32m
    "bc, BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", // bech32 instead of bech32m
    "bc, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", // bech32m instead of bech32
    "tb, tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", // bech32m instead of bech32
    "bc, bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", // invalid character in checksum
    "bc, BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", // invalid witness version (17)
    "bc, bc1pw5dgrnzv", // invalid program length (1 byte)
    "bc, bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", // program of 41 bytes
    "tb, tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", // mixed case
    "bc, bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", // zero padding of more than 4 bits
    "tb, tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", // non-zero padding in 8-to-5 conversion
    // valid under BIP173 but not since BIP350: witness versions 1+ with a bech32 checksum
    "bc, bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
    "bc, BC1SW50QA3JX3S",
    "bc, bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj",
  })
  void invalidAddressesAreRejected(String hrp, String address) {
    assertThat(Bech32.decodeSegwit(hrp, address)).isNull();
  }

  @Test
  void anAddressOfAnotherNetworkIsRejected() {
    String mainnet = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
    String testnet = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";
    assertThat(Bech32.decodeSegwit("tb", testnet)).isNotNull();
    assertThat(Bech32.decodeSegwit("bc", testnet)).isNull();
    assertThat(Bech32.decodeSegwit("tb", mainnet)).isNull();
    assertThat(Bech32.decodeSegwit("ltc", mainnet)).isNull();
  }

  @Test
  void programsThatNoAddressCanCarryAreNotEncoded() {
    assertThat(Bech32.encodeSegwit("bc", 0, new byte[21])).isNull();
    assertThat(Bech32.encodeSegwit("bc", 0, new byte[16])).isNull();
    assertThat(Bech32.encodeSegwit("bc", 1, new byte[1])).isNull();
    assertThat(Bech32.encodeSegwit("bc", 1, new byte[41])).isNull();
    assertThat(Bech32.encodeSegwit("bc", 17, new byte[32])).isNull();
    assertThat(Bech32.encodeSegwit("bc", -1, new byte[32])).isNull();
  }

  @Test
  void everyWitnessVersionRoundTrips() {
    byte[] program = HEX.parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
    for (int version = 0; version <= 16; version++) {
      String address = Bech32.encodeSegwit("bc", version, program);
      byte[] decoded = Bech32.decodeSegwit("bc", address);
      assertThat(decoded).as("version %d", version).isNotNull();
      assertThat(decoded[0]).isEqualTo((byte) version);
      assertThat(Arrays.copyOfRange(decoded, 1, decoded.length)).isEqualTo(program);
    }
  }
}
