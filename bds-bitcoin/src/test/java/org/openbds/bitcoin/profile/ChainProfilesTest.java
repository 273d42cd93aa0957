package org.openbds.bitcoin.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.bitcoin.codec.BitcoinBlockCodec;

/**
 * Pins every shipped profile value, in the manner of Trino's {@code TestXxxConfig}. The values were checked against
 * each project's chainparams ({@code chainparams.cpp}, {@code chainparamsbase.cpp}); the genesis hashes are in
 * addition recomputed below from each network's genesis header.
 */
class ChainProfilesTest {
  private static final long COIN = 100_000_000L;
  private static final String BTC_GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
  private static final String BTC_TESTNET_GENESIS = "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943";
  private static final String BTC_REGTEST_GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";

  @Test
  void chains() {
    assertThat(ChainProfiles.CHAINS).containsExactly("btc", "ltc", "bch", "doge", "bsv");
    assertThat(ChainProfiles.SYNTHETIC).isEqualTo("synthetic");
  }

  @Test
  void bitcoin() {
    assertThat(ChainProfiles.load("btc"))
        .isEqualTo(
            profile(
                "btc", "Bitcoin", "satoshi", true, false, 21_000_000L * COIN, false,
                subsidy(net("mainnet", 0xf9beb4d9, 0, 5, "bc", null, BTC_GENESIS, 8332), 5_000_000_000L, 210000),
                subsidy(net("testnet", 0x0b110907, 111, 196, "tb", null, BTC_TESTNET_GENESIS, 18332), 5_000_000_000L, 210000),
                subsidy(net("regtest", 0xfabfb5da, 111, 196, "bcrt", null, BTC_REGTEST_GENESIS, 18443), 5_000_000_000L, 150)));
  }

  @Test
  void litecoin() {
    assertThat(ChainProfiles.load("ltc"))
        .isEqualTo(
            profile(
                "ltc", "Litecoin", "litoshi", true, true, 84_000_000L * COIN, false,
                subsidy(net("mainnet", 0xfbc0b6db, 48, 50, "ltc", null,
                    "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2", 9332), 5_000_000_000L, 840000),
                subsidy(net("testnet", 0xfdd2c8f1, 111, 58, "tltc", null,
                    "4966625a4b2851d9fdee139e56211a0d88575f59ed816ff5e6a63deb4e3e29a0", 19332), 5_000_000_000L, 840000),
                subsidy(net("regtest", 0xfabfb5da, 111, 58, "rltc", null,
                    "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9", 19443), 5_000_000_000L, 150)));
  }

  @Test
  void bitcoinCash() {
    // block files keep Bitcoin's disk magic; only the network magic changed at the fork
    assertThat(ChainProfiles.load("bch"))
        .isEqualTo(
            profile(
                "bch", "Bitcoin Cash", "satoshi", false, false, 21_000_000L * COIN, false,
                subsidy(net("mainnet", 0xf9beb4d9, 0, 5, null, "bitcoincash", BTC_GENESIS, 8332), 5_000_000_000L, 210000),
                subsidy(net("testnet", 0x0b110907, 111, 196, null, "bchtest", BTC_TESTNET_GENESIS, 18332), 5_000_000_000L, 210000),
                subsidy(net("regtest", 0xfabfb5da, 111, 196, null, "bchreg", BTC_REGTEST_GENESIS, 18443), 5_000_000_000L, 150)));
  }

  @Test
  void dogecoin() {
    assertThat(ChainProfiles.load("doge"))
        .isEqualTo(
            profile(
                "doge", "Dogecoin", "koinu", false, false, 10_000_000_000L * COIN, true,
                net("mainnet", 0xc0c0c0c0, 30, 22, null, null,
                    "1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c355691", 22555),
                net("testnet", 0xfcc1b7dc, 113, 196, null, null,
                    "bb0a78264637406b6360aad926284d544d7049f45189db5664f3c4d07350559e", 44555),
                net("regtest", 0xfabfb5da, 111, 196, null, null,
                    "3d2160a3b5dc4a9d62e7e66a295f70313ac808440ef7400d6c0772171ce973a5", 18332)));
  }

  @Test
  void bitcoinSv() {
    // Bitcoin SV kept Bitcoin ABC's regtest RPC port 18332 (Bitcoin Core and ABC later moved to 18443)
    assertThat(ChainProfiles.load("bsv"))
        .isEqualTo(
            profile(
                "bsv", "Bitcoin SV", "satoshi", false, false, 21_000_000L * COIN, false,
                subsidy(net("mainnet", 0xf9beb4d9, 0, 5, null, null, BTC_GENESIS, 8332), 5_000_000_000L, 210000),
                subsidy(net("testnet", 0x0b110907, 111, 196, null, null, BTC_TESTNET_GENESIS, 18332), 5_000_000_000L, 210000),
                subsidy(net("regtest", 0xfabfb5da, 111, 196, null, null, BTC_REGTEST_GENESIS, 18332), 5_000_000_000L, 150)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"btc", "ltc", "bch", "doge", "bsv"})
  void syntheticIsRegtestWithAnyGenesis(String chain) {
    ChainProfile profile = ChainProfiles.load(chain);
    NetworkParameters regtest = profile.network("regtest");
    NetworkParameters synthetic = profile.network(ChainProfiles.SYNTHETIC);
    assertThat(synthetic)
        .isEqualTo(
            new NetworkParameters(
                "synthetic",
                regtest.diskMagic(),
                regtest.p2pkhVersion(),
                regtest.p2shVersion(),
                regtest.bech32Prefix(),
                regtest.cashAddrPrefix(),
                Optional.empty(),
                regtest.defaultRpcPort(),
            regtest.subsidy()));
    assertThat(profile.networks().keySet()).containsExactlyInAnyOrder("mainnet", "testnet", "regtest", "synthetic");
  }

  /** Each genesis header rebuilt from its chainparams fields hashes to the profile's genesis. */
  @ParameterizedTest
  @CsvSource({
    "btc, mainnet, 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b, 1231006505, 1d00ffff, 2083236893",
    "btc, testnet, 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b, 1296688602, 1d00ffff, 414098458",
    "btc, regtest, 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b, 1296688602, 207fffff, 2",
    "ltc, mainnet, 97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9, 1317972665, 1e0ffff0, 2084524493",
    "ltc, testnet, 97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9, 1486949366, 1e0ffff0, 293345",
    "ltc, regtest, 97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9, 1296688602, 207fffff, 0",
    "doge, mainnet, 5b2a3f53f605d62c53e62932dac6925e3d74afa5a4b459745c36d42d0ed26a69, 1386325540, 1e0ffff0, 99943",
    "doge, testnet, 5b2a3f53f605d62c53e62932dac6925e3d74afa5a4b459745c36d42d0ed26a69, 1391503289, 1e0ffff0, 997879",
    "doge, regtest, 5b2a3f53f605d62c53e62932dac6925e3d74afa5a4b459745c36d42d0ed26a69, 1296688602, 207fffff, 2",
  })
  void genesisHashesRecomputeFromTheirHeaders(
      String chain, String network, String merkleRoot, long time, String bits, long nonce) {
    byte[] header = new byte[80];
    header[0] = 1; // version 1, zero parent
    Hash32.parse(merkleRoot).writeWireOrder(header, 36);
    putUint32(header, 68, time);
    putUint32(header, 72, Long.parseLong(bits, 16));
    putUint32(header, 76, nonce);
    Hash32 hash = new BitcoinBlockCodec(false).decodeHeader(header, 0).hash();
    assertThat(Optional.of(hash)).isEqualTo(ChainProfiles.load(chain).network(network).genesisHash());
    if (chain.equals("btc")) {
      // Bitcoin Cash and Bitcoin SV share Bitcoin's genesis blocks
      assertThat(ChainProfiles.load("bch").network(network).genesisHash()).contains(hash);
      assertThat(ChainProfiles.load("bsv").network(network).genesisHash()).contains(hash);
    }
  }

  @Test
  void diskMagicBytesAreInFileOrder() {
    assertThat(ChainProfiles.load("btc").network("mainnet").diskMagicBytes())
        .isEqualTo(HexFormat.of().parseHex("f9beb4d9"));
    assertThat(ChainProfiles.load("ltc").network("mainnet").diskMagicBytes())
        .isEqualTo(HexFormat.of().parseHex("fbc0b6db"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"eth", "BTC", "bitcoin", "", "btc "})
  void unknownChain(String chain) {
    assertFails(() -> ChainProfiles.load(chain), ErrorCode.UNKNOWN_CHAIN, "unknown chain '" + chain + "'");
    assertThat(ChainProfiles.isKnown(chain)).isFalse();
  }

  @Test
  void unknownNetwork() {
    assertFails(
        () -> ChainProfiles.load("btc").network("signet"),
        ErrorCode.INVALID_ARGUMENT,
        "chain btc has no network 'signet'; known: [mainnet, regtest, synthetic, testnet]");
  }

  @ParameterizedTest
  @CsvSource({
    "btc, mainnet.p2pkh_versoin", // a typo
    "btc, signet.p2pkh_version", // a network the profile does not list
    "ltc, mainnet.cashaddr_prefx",
    "doge, decimals",
  })
  void unknownKeysFail(String chain, String key) {
    Properties p = shipped(chain);
    p.setProperty(key, "1");
    assertFails(() -> parse(chain, p), ErrorCode.INVALID_CONFIG, "unknown key '" + key + "'");
  }

  /** Removing any key is an error unless the key is one of the optional encodings or the genesis. */
  @ParameterizedTest
  @ValueSource(strings = {"btc", "ltc", "bch", "doge", "bsv"})
  void everyRequiredKeyIsRequired(String chain) {
    Properties shipped = shipped(chain);
    for (String key : shipped.stringPropertyNames()) {
      Properties p = shipped(chain);
      p.remove(key);
      if (key.endsWith(".initial_subsidy") || key.endsWith(".halving_interval")) {
        // the two come together or not at all
        assertFails(() -> parse(chain, p), ErrorCode.INVALID_CONFIG, "or neither");
        continue;
      }
      boolean optional = key.endsWith(".bech32_prefix") || key.endsWith(".cashaddr_prefix") || key.endsWith(".genesis");
      if (optional) {
        assertThat(parse(chain, p)).as(key).isNotEqualTo(ChainProfiles.load(chain));
      } else {
        assertFails(() -> parse(chain, p), ErrorCode.INVALID_CONFIG, "missing key '" + key + "'");
      }
      p.setProperty(key, " ");
      if (!optional) {
        assertFails(() -> parse(chain, p), ErrorCode.INVALID_CONFIG, "missing key '" + key + "'");
      }
    }
  }

  @Test
  void aProfileNeedsRegtest() {
    Properties p = shipped("btc");
    p.setProperty("networks", "mainnet,testnet");
    p.stringPropertyNames().stream().filter(k -> k.startsWith("regtest.")).forEach(p::remove);
    assertFails(() -> parse("btc", p), ErrorCode.INVALID_CONFIG, "a profile needs a regtest network");
  }

  @ParameterizedTest
  @CsvSource({
    "mainnet.p2pkh_version, abc",
    "mainnet.p2pkh_version, 256",
    "mainnet.p2sh_version, -1",
    "mainnet.disk_magic, f9beb4",
    "mainnet.disk_magic, 1f9beb4d9",
    "mainnet.disk_magic, xyzxyzxy",
    "mainnet.rpc_port, 0",
    "mainnet.rpc_port, 70000",
    "mainnet.rpc_port, eight",
    "mainnet.genesis, 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce2",
    "mainnet.bech32_prefix, ' '",
    "segwit, yes",
    "mweb, 1",
    "max_money, 0",
    "max_money, -5",
    "max_money, 21e6",
    "bds_values, satoshi",
  })
  void badValuesFail(String key, String value) {
    Properties p = shipped("btc");
    p.setProperty(key, value);
    assertFails(() -> parse("btc", p), ErrorCode.INVALID_CONFIG, "'" + key + "'");
  }

  @Test
  void theShippedFilesParseToWhatLoadReturns() {
    for (String chain : ChainProfiles.CHAINS) {
      assertThat(parse(chain, shipped(chain))).isEqualTo(ChainProfiles.load(chain));
    }
  }

  private static ChainProfile parse(String chain, Properties p) {
    return ChainProfiles.parse(chain, p, chain + ".properties");
  }

  private static Properties shipped(String chain) {
    Properties p = new Properties();
    String resource = "/org/openbds/bitcoin/profiles/" + chain + ".properties";
    try (InputStream in = ChainProfiles.class.getResourceAsStream(resource)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p;
  }

  private static ChainProfile profile(
      String chain, String name, String unit, boolean segwit, boolean mweb, long maxMoney, boolean bdsValuesInBaseUnits,
      NetworkParameters... networks) {
    Map<String, NetworkParameters> byName = new HashMap<>();
    for (NetworkParameters n : networks) {
      byName.put(n.name(), n);
    }
    NetworkParameters regtest = byName.get("regtest");
    byName.put(
        "synthetic",
        new NetworkParameters(
            "synthetic",
            regtest.diskMagic(),
            regtest.p2pkhVersion(),
            regtest.p2shVersion(),
            regtest.bech32Prefix(),
            regtest.cashAddrPrefix(),
            Optional.empty(),
            regtest.defaultRpcPort(),
            regtest.subsidy()));
    return new ChainProfile(new ChainId(chain), name, unit, segwit, mweb, maxMoney, bdsValuesInBaseUnits, byName);
  }

  private static NetworkParameters subsidy(NetworkParameters n, long initial, long halvingInterval) {
    return new NetworkParameters(
        n.name(), n.diskMagic(), n.p2pkhVersion(), n.p2shVersion(), n.bech32Prefix(), n.cashAddrPrefix(), n.genesisHash(),
        n.defaultRpcPort(), Optional.of(new SubsidySchedule(initial, halvingInterval)));
  }

  private static NetworkParameters net(
      String name, int magic, int p2pkh, int p2sh, String bech32, String cashAddr, String genesis, int rpcPort) {
    return new NetworkParameters(
        name,
        magic,
        p2pkh,
        p2sh,
        Optional.ofNullable(bech32),
        Optional.ofNullable(cashAddr),
        Optional.of(Hash32.parse(genesis)),
        rpcPort,
        Optional.empty());
  }

  private static void putUint32(byte[] out, int offset, long v) {
    for (int i = 0; i < 4; i++) {
      out[offset + i] = (byte) (v >>> (8 * i));
    }
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
    Throwable t = catchThrowable(call);
    assertThat(t).isExactlyInstanceOf(BdsException.class);
    assertThat(((BdsException) t).code()).isEqualTo(code);
    assertThat(t.getMessage()).contains(message);
  }

  @Test
  void subsidySchedules() {
    SubsidySchedule ltc = ChainProfiles.load("ltc").network("mainnet").subsidy().orElseThrow();
    assertThat(ltc.subsidy(0)).isEqualTo(5_000_000_000L);
    assertThat(ltc.subsidy(839_999)).isEqualTo(5_000_000_000L);
    assertThat(ltc.subsidy(840_000)).isEqualTo(2_500_000_000L);
    assertThat(ltc.subsidy(2_520_000)).isEqualTo(625_000_000L);
    assertThat(ChainProfiles.load("btc").network("regtest").subsidy().orElseThrow().subsidy(150L * 64)).isZero();
    assertThat(ChainProfiles.load("btc").network("mainnet").subsidy().orElseThrow().subsidy(840_000)).isEqualTo(312_500_000L);
    assertThat(ChainProfiles.load("doge").network("mainnet").subsidy()).isEmpty();
    Properties p = shipped("btc");
    p.setProperty("mainnet.halving_interval", "0");
    assertFails(() -> parse("btc", p), ErrorCode.INVALID_CONFIG, "must be positive");
    p.setProperty("mainnet.halving_interval", "many");
    assertFails(() -> parse("btc", p), ErrorCode.INVALID_CONFIG, "must be integers");
  }
}
