package org.openbds.bitcoin.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbds.bitcoin.profile.ChainProfiles;

/**
 * Addresses of each chain's shipped profile, from hashes whose addresses are known independently: the CashAddr
 * specification's hash {@code 76a04053…} (legacy {@code 1BpEi6…}; its other-chain forms were recomputed with a
 * separate implementation), the hash {@code 0102…14} whose BTC, LTC and DOGE addresses appear in public wallet test
 * suites, and a Dogecoin key hash with the address a Dogecoin node reported.
 */
class AddressEncoderTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String SPEC_HASH = "76a04053bda0a88bda5177b86a15c3b29f559873";
  private static final String COUNTING_HASH = "0102030405060708090a0b0c0d0e0f1011121314";

  @ParameterizedTest
  @CsvSource({
    "btc, mainnet, " + SPEC_HASH + ", 1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu, 3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC",
    "btc, mainnet, " + COUNTING_HASH + ", 16L5yRNPTuciSgXGHqYwn9N6NeoKqopAu, 31nM1WuowNDzocNxPPW9NQWJEtwWpjfcLj",
    "btc, testnet, " + SPEC_HASH + ", mrLC19Je2BuWQDkWSTriGYPyQJXKkkBmCx, 2N44ThNe8NXHyv4bsX8AoVCXquBRW94Ls7W",
    "bsv, mainnet, " + SPEC_HASH + ", 1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu, 3CWFddi6m4ndiGyKqzYvsFYagqDLPVMTzC",
    "ltc, mainnet, " + SPEC_HASH + ", LW3ByJXVHpiJsuy3u2sdieFQkXHtuk93Yi, MJiPwX84iBe4WnFDwsYGgtnz1XonPhUqhf",
    "ltc, mainnet, " + COUNTING_HASH + ", LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd, M7zVKQKmtV5Rc7erVGVVC3khZbXxsS5HEX",
    "doge, mainnet, " + SPEC_HASH + ", DFxLFMAJWaNYA7TVTUstzPMFRSevAwTSLq, A3FWNUmzq8fXceLoG8DM7PAxPQbNUjae2B",
    "bch, mainnet, " + SPEC_HASH + ", bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a,"
        + " bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq",
  })
  void keyAndScriptHashAddresses(String chain, String network, String hash, String p2pkh, String p2sh) {
    AddressEncoder encoder = encoder(chain, network);
    assertThat(encoder.p2pkh(HEX.parseHex(hash))).isEqualTo(p2pkh);
    assertThat(encoder.p2sh(HEX.parseHex(hash))).isEqualTo(p2sh);
  }

  @Test
  void dogecoinAddressAsTheNodeReportedIt() {
    // block 107212 of Dogecoin mainnet, coinbase output (bitcoin-etl test data, from a Dogecoin node)
    assertThat(encoder("doge", "mainnet").p2pkh(HEX.parseHex("ac58d6632d4a7c0502f5a7102ad9baea8e8e3428")))
        .isEqualTo("DLrPBnddK81Tn7YStmKVAhqfxYexZFJymq");
    assertThat(encoder("doge", "mainnet").p2pkh(HEX.parseHex(COUNTING_HASH)))
        .isEqualTo("D5ERdEN1gsouFSs7zsq7VYJxyWP6dP28H1");
  }

  @Test
  void witnessProgramsUseTheChainsBech32Prefix() {
    byte[] program = HEX.parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
    assertThat(encoder("btc", "mainnet").witness(0, program)).isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    assertThat(encoder("btc", "testnet").witness(0, program)).isEqualTo("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx");
    assertThat(encoder("btc", "regtest").witness(0, program)).isEqualTo("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080");
    assertThat(encoder("ltc", "mainnet").witness(0, program)).isEqualTo("ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9");
  }

  @Test
  void chainsWithoutSegwitHaveNoWitnessAddress() {
    byte[] program = new byte[20];
    for (String chain : new String[] {"bch", "doge", "bsv"}) {
      assertThat(encoder(chain, "mainnet").witness(0, program)).as(chain).isNull();
    }
  }

  private static AddressEncoder encoder(String chain, String network) {
    return new AddressEncoder(ChainProfiles.load(chain).network(network));
  }
}
