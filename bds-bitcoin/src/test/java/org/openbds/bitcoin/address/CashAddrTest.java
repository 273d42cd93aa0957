package org.openbds.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CashAddr against the 160-bit vectors of the CashAddr specification. */
class CashAddrTest {
  private static final HexFormat HEX = HexFormat.of();

  /** The spec's translation table: each legacy address and its CashAddr form carry the same hash. */
  @ParameterizedTest
  @CsvSource({
    "1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu, bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
    "1KXrWXciRDZUpQwQmuM1DbwsKDLYAYsVLR, bitcoincash:qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy",
    "16w1D5WRVKJuZUsSRzdLp9w3YGcgoxDXb, bitcoincash:qqq3728yw0y47sqn6l2na30mcw6zm78dzqre909m2r",
    "3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC, bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq",
    "3LDsS579y7sruadqu11beEJoTjdFiFCdX4, bitcoincash:pr95sy3j9xwd2ap32xkykttr4cvcu7as4yc93ky28e",
    "31nwvkZwyPdgzjBJZXfDmSWsC4ZLKpYyUw, bitcoincash:pqq3728yw0y47sqn6l2na30mcw6zm78dzq5ucqzc37",
  })
  void legacyAddressesTranslate(String legacy, String cashAddr) {
    byte[] versionAndHash = Base58.decodeCheck(legacy);
    assertThat(versionAndHash).hasSize(21);
    CashAddr.Type type = versionAndHash[0] == 0 ? CashAddr.Type.P2PKH : CashAddr.Type.P2SH;
    byte[] hash = Arrays.copyOfRange(versionAndHash, 1, 21);
    assertThat(CashAddr.encode("bitcoincash", type, hash)).isEqualTo(cashAddr);
  }

  /** The spec's 160-bit "larger test vectors" (types 0 and 1; the prefix takes part in the checksum). */
  @ParameterizedTest
  @CsvSource({
    "bitcoincash, P2PKH, bitcoincash:qr6m7j9njldwwzlg9v7v53unlr4jkmx6eylep8ekg2",
    "bchtest, P2SH, bchtest:pr6m7j9njldwwzlg9v7v53unlr4jkmx6eyvwc0uz5t",
    "pref, P2SH, pref:pr6m7j9njldwwzlg9v7v53unlr4jkmx6ey65nvtks5",
  })
  void specVectors(String prefix, CashAddr.Type type, String expected) {
    byte[] hash = HEX.parseHex("f5bf48b397dae70be82b3cca4793f8eb2b6cdac9");
    assertThat(CashAddr.encode(prefix, type, hash)).isEqualTo(expected);
  }

  @Test
  void onlyTwentyByteHashesAreEncoded() {
    assertThatThrownBy(() -> CashAddr.encode("bitcoincash", CashAddr.Type.P2PKH, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
