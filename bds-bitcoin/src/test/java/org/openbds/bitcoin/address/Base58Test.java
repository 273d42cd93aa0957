package org.openbds.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Base58 and Base58Check against Bitcoin Core's base58 vectors and well-known addresses. */
class Base58Test {
  private static final HexFormat HEX = HexFormat.of();

  /** Bitcoin Core's {@code base58_encode_decode.json}. */
  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "61, 2g",
    "626262, a3gV",
    "636363, aPEr",
    "73696d706c792061206c6f6e6720737472696e67, 2cFupjhnEsSn59qHXstmK2ffpLv2",
    "00eb15231dfceb60925886b67d065299925915aeb172c06647, 1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
    "516b6fcd0f, ABnLTmg",
    "bf4f89001e670274dd, 3SEo3LWLoPntC",
    "572e4794, 3EFU7m",
    "ecac89cad93923c02321, EJDM8drfXA6uyA",
    "10c8511e, Rt5zm",
    "00000000000000000000, 1111111111",
    "000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5,"
        + " 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
  })
  void encodesAndDecodesCoreVectors(String hex, String base58) {
    byte[] bytes = HEX.parseHex(hex);
    assertThat(Base58.encode(bytes)).isEqualTo(base58);
    assertThat(Base58.decode(base58)).isEqualTo(bytes);
  }

  @Test
  void genesisCoinbaseKeyGivesSatoshisAddress() {
    byte[] key =
        HEX.parseHex(
            "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c38"
                + "4df7ba0b8d578a4c702b6bf11d5f");
    byte[] hash = Hash160.of(key, 0, key.length);
    assertThat(HEX.formatHex(hash)).isEqualTo("62e907b15cbf27d5425399ebf6f0fb50ebb88f18");
    assertThat(Base58.encodeCheck(0, hash)).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
  }

  @Test
  void decodeCheckReturnsVersionAndPayload() {
    byte[] decoded = Base58.decodeCheck("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu");
    assertThat(HEX.formatHex(decoded)).isEqualTo("0076a04053bda0a88bda5177b86a15c3b29f559873");
    assertThat(HEX.formatHex(Base58.decodeCheck("3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC")))
        .isEqualTo("0576a04053bda0a88bda5177b86a15c3b29f559873");
  }

  @Test
  void decodeCheckRejectsBadChecksumsAndCharacters() {
    assertThat(Base58.decodeCheck("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggv")).isNull(); // last character changed
    assertThat(Base58.decodeCheck("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVgg0")).isNull(); // '0' is not in the alphabet
    assertThat(Base58.decodeCheck("1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggé")).isNull();
    assertThat(Base58.decodeCheck("")).isNull();
    assertThat(Base58.decodeCheck("1111")).isNull(); // shorter than a checksum
  }
}
