package org.openbds.bitcoin.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openbds.bitcoin.address.Base58;
import org.openbds.bitcoin.address.Hash160;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;

/** Output-script classification on hand-built scripts, one rule of Bitcoin Core's solver at a time. */
class ScriptClassifierTest {
  private static final HexFormat HEX = HexFormat.of();

  // the genesis coinbase key (uncompressed), a Dogecoin coinbase key (compressed), the generator G and 2G
  private static final String UNCOMPRESSED =
      "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba"
          + "0b8d578a4c702b6bf11d5f";
  private static final String COMPRESSED = "0245177fc121518d812eeb3afbc746afa9e3a1a589b617f028a75c6089b846685e";
  private static final String G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
  private static final String G2 = "02c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5";
  private static final String HASH = "751e76e8199196d454941c45d1b3a323f1433bd6";
  private static final String HASH32 = "1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262";

  @Test
  void payToPublicKeyHash() {
    OutputScript s = classify("btc", "76a914" + HASH + "88ac");
    assertThat(s.type()).isEqualTo(ScriptType.P2PKH);
    assertThat(s.address()).isEqualTo("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    assertThat(s.addresses()).containsExactly("1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH");
    assertThat(s.requiredSignatures()).isEqualTo(1);
    assertThat(classify("bch", "76a914" + HASH + "88ac").address()).startsWith("bitcoincash:q");
    // a 19-byte hash is not a key hash
    assertNonstandard(classify("btc", "76a913" + HASH.substring(2) + "88ac"));
  }

  @Test
  void payToScriptHash() {
    OutputScript s = classify("btc", "a914" + HASH + "87");
    assertThat(s.type()).isEqualTo(ScriptType.P2SH);
    assertThat(s.address()).isEqualTo(Base58.encodeCheck(5, HEX.parseHex(HASH))).startsWith("3");
    assertThat(classify("ltc", "a914" + HASH + "87").address()).startsWith("M");
    assertThat(classify("doge", "a914" + HASH + "87").address()).startsWith("A");
    assertThat(classify("bch", "a914" + HASH + "87").address()).startsWith("bitcoincash:p");
    assertNonstandard(classify("btc", "a914" + HASH + "88"));
  }

  @Test
  void payToPublicKeyOfEachKeyType() {
    OutputScript uncompressed = classify("btc", "41" + UNCOMPRESSED + "ac");
    assertThat(uncompressed.type()).isEqualTo(ScriptType.P2PK);
    assertThat(uncompressed.keyType()).isEqualTo("uncompressed");
    // deliberate: a P2PK output is reported under the P2PKH address of its key
    assertThat(uncompressed.address()).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(uncompressed.addresses()).containsExactly("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(uncompressed.requiredSignatures()).isEqualTo(1);

    OutputScript compressed = classify("doge", "21" + COMPRESSED + "ac");
    assertThat(compressed.type()).isEqualTo(ScriptType.P2PK);
    assertThat(compressed.keyType()).isEqualTo("compressed");
    assertThat(compressed.address()).isEqualTo("DPsvwvYRgt66ntxno9mMuBfwhg9nAMmGrD"); // as the Dogecoin node said
    assertThat(classify("btc", "21" + G.replaceFirst("02", "03") + "ac").keyType()).isEqualTo("compressed");

    for (String prefix : new String[] {"06", "07"}) {
      String hybrid = prefix + UNCOMPRESSED.substring(2);
      OutputScript s = classify("btc", "41" + hybrid + "ac");
      assertThat(s.type()).isEqualTo(ScriptType.P2PK);
      assertThat(s.keyType()).isEqualTo("hybrid");
      assertThat(s.address()).isEqualTo(p2pkh(hybrid));
    }
  }

  @Test
  void keysOfTheWrongSizeOrPrefixAreNotPayToPublicKey() {
    assertNonstandard(classify("btc", "41" + "02" + UNCOMPRESSED.substring(2) + "ac")); // 65 bytes, compressed prefix
    assertNonstandard(classify("btc", "21" + "04" + COMPRESSED.substring(2) + "ac")); // 33 bytes, uncompressed prefix
    assertNonstandard(classify("btc", "41" + "05" + UNCOMPRESSED.substring(2) + "ac"));
    assertNonstandard(classify("btc", "21" + "00" + COMPRESSED.substring(2) + "ac"));
    assertNonstandard(classify("btc", "21" + COMPRESSED + "ad")); // OP_CHECKSIGVERIFY
    assertNonstandard(classify("btc", "20" + COMPRESSED.substring(2) + "ac")); // 32-byte key
  }

  @Test
  void bareMultisigListsEveryKeyAddressAndHasNoSingleOwner() {
    OutputScript oneOfTwo = classify("btc", "51" + "21" + COMPRESSED + "41" + UNCOMPRESSED + "52ae");
    assertThat(oneOfTwo.type()).isEqualTo(ScriptType.MULTISIG);
    assertThat(oneOfTwo.address()).isNull();
    assertThat(oneOfTwo.requiredSignatures()).isEqualTo(1);
    assertThat(oneOfTwo.addresses()).containsExactly(p2pkh(COMPRESSED), "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");

    OutputScript twoOfThree = classify("btc", "52" + "21" + COMPRESSED + "21" + G + "21" + G2 + "53ae");
    assertThat(twoOfThree.type()).isEqualTo(ScriptType.MULTISIG);
    assertThat(twoOfThree.requiredSignatures()).isEqualTo(2);
    assertThat(twoOfThree.addresses()).containsExactly(p2pkh(COMPRESSED), p2pkh(G), p2pkh(G2));

    OutputScript oneOfOne = classify("btc", "51" + "21" + G + "51ae");
    assertThat(oneOfOne.addresses()).containsExactly(p2pkh(G));

    StringBuilder sixteen = new StringBuilder("60");
    for (int i = 0; i < 16; i++) {
      sixteen.append("21").append(i % 2 == 0 ? G : G2);
    }
    OutputScript sixteenOfSixteen = classify("btc", sixteen.append("60ae").toString());
    assertThat(sixteenOfSixteen.type()).isEqualTo(ScriptType.MULTISIG);
    assertThat(sixteenOfSixteen.requiredSignatures()).isEqualTo(16);
    assertThat(sixteenOfSixteen.addresses()).hasSize(16);

    // Bitcoin Cash lists the keys in CashAddr form
    assertThat(classify("bch", "51" + "21" + G + "51ae").addresses())
        .singleElement()
        .asString()
        .startsWith("bitcoincash:q");
  }

  @Test
  void malformedMultisigIsNonstandard() {
    assertNonstandard(classify("btc", "53" + "21" + G + "21" + G2 + "52ae")); // 3-of-2
    assertNonstandard(classify("btc", "51" + "21" + G + "21" + G2 + "53ae")); // declares 3 keys, has 2
    assertNonstandard(classify("btc", "51" + "21" + G + "21" + G2 + "51ae")); // declares 1 key, has 2
    assertNonstandard(classify("btc", "00" + "21" + G + "51ae")); // 0-of-1
    assertNonstandard(classify("btc", "51" + "21" + G + "00ae")); // n = OP_0
    assertNonstandard(classify("btc", "51" + "21" + "05" + G.substring(2) + "51ae")); // not a key prefix
    assertNonstandard(classify("btc", "51" + "20" + G.substring(2) + "51ae")); // 32-byte "key"
    assertNonstandard(classify("btc", "51" + "21" + G + "00" + "51ae")); // a stray push between keys and n
    assertNonstandard(classify("btc", "51" + "21" + G + "51af")); // OP_CHECKMULTISIGVERIFY
    assertNonstandard(classify("btc", "51" + "22" + G + "51ae")); // push runs past the keys
    assertNonstandard(classify("btc", "4f" + "21" + G + "51ae")); // OP_1NEGATE as m
  }

  @Test
  void opReturnCarriesThePushedBytes() {
    OutputScript empty = classify("btc", "6a");
    assertThat(empty.type()).isEqualTo(ScriptType.OP_RETURN);
    assertThat(empty.data()).isEmpty();
    assertThat(empty.address()).isNull();
    assertThat(empty.addresses()).isEmpty();
    assertThat(empty.requiredSignatures()).isNull();
    assertThat(empty.unspendable()).isTrue();

    assertThat(classify("btc", "6a04deadbeef").data()).isEqualTo(HEX.parseHex("deadbeef"));
    assertThat(classify("btc", "6a02cafe03beef01").data()).isEqualTo(HEX.parseHex("cafebeef01"));

    String eighty = "ab".repeat(80);
    assertThat(classify("btc", "6a4c50" + eighty).data()).isEqualTo(HEX.parseHex(eighty));
    String big = "cd".repeat(300);
    assertThat(classify("btc", "6a4d2c01" + big).data()).isEqualTo(HEX.parseHex(big)); // PUSHDATA2, 300 bytes
    assertThat(classify("btc", "6a4e03000000010203").data()).isEqualTo(HEX.parseHex("010203")); // PUSHDATA4
    assertThat(classify("btc", "6a00").data()).isEmpty(); // OP_0 pushes nothing
    // small-number opcodes are pushes too (Bitcoin Core's IsPushOnly) but carry no data bytes
    assertThat(classify("btc", "6a5160").type()).isEqualTo(ScriptType.OP_RETURN);

    // the same on every chain, segwit or not
    for (String chain : ChainProfiles.CHAINS) {
      assertThat(classify(chain, "6a04deadbeef").type()).as(chain).isEqualTo(ScriptType.OP_RETURN);
    }
  }

  @Test
  void opReturnFollowedByANonPushIsNonstandard() {
    assertNonstandard(classify("btc", "6a76")); // OP_DUP
    assertNonstandard(classify("btc", "6a04deadbeef6a"));
    assertNonstandard(classify("btc", "6a05deadbeef")); // push runs past the end
    assertNonstandard(classify("btc", "6a4c")); // PUSHDATA1 without its length
    assertNonstandard(classify("btc", "6a4d01")); // PUSHDATA2 with half a length
    assertNonstandard(classify("btc", "6a4effffffff00")); // PUSHDATA4 longer than the script
  }

  @Test
  void witnessVersionZeroPrograms() {
    OutputScript p2wpkh = classify("btc", "0014" + HASH);
    assertThat(p2wpkh.type()).isEqualTo(ScriptType.P2WPKH);
    assertThat(p2wpkh.address()).isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    OutputScript p2wsh = classify("btc", "0020" + HASH32);
    assertThat(p2wsh.type()).isEqualTo(ScriptType.P2WSH);
    assertThat(p2wsh.address()).isEqualTo("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3");
    assertThat(classify("ltc", "0014" + HASH).address()).isEqualTo("ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9");

    // version 0 defines only 20- and 32-byte programs
    assertNonstandard(classify("btc", "0015" + HASH + "00"));
    assertNonstandard(classify("btc", "0010" + HASH.substring(0, 32)));
    assertNonstandard(classify("btc", "0002abcd"));
  }

  @Test
  void witnessVersionOneAndLater() {
    OutputScript p2tr = classify("btc", "5120" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(p2tr.type()).isEqualTo(ScriptType.P2TR);
    assertThat(p2tr.address()).isEqualTo("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0");

    // v1 of another size, and v2..v16, have no meaning yet but an address (bech32m)
    assertWitnessUnknown(
        classify("btc", "5128" + HASH + HASH),
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y");
    assertWitnessUnknown(classify("btc", "51024e73"), "bc1pfeessrawgf"); // pay-to-anchor
    assertWitnessUnknown(classify("btc", "5210" + HASH.substring(0, 32)), "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs");
    assertWitnessUnknown(classify("btc", "6002751e"), "bc1sw50qgdz25j");
    for (int version = 2; version <= 16; version++) {
      String opcode = Integer.toHexString(0x50 + version);
      OutputScript s = classify("btc", opcode + "20" + HASH32);
      assertThat(s.type()).as("v%d", version).isEqualTo(ScriptType.WITNESS_UNKNOWN);
      assertThat(s.address()).startsWith("bc1").isNotNull();
    }
  }

  @Test
  void scriptsShapedLikeWitnessProgramsButOutOfRangeAreNonstandard() {
    assertNonstandard(classify("btc", "5101ab")); // a 1-byte program
    assertNonstandard(classify("btc", "5129" + "00".repeat(41))); // a 41-byte program
    assertNonstandard(classify("btc", "4f14" + HASH)); // OP_1NEGATE is no version
    assertNonstandard(classify("btc", "0014" + HASH + "00")); // push length disagrees with the script size
  }

  @ParameterizedTest
  @ValueSource(strings = {"bch", "doge", "bsv"})
  void witnessShapedScriptsOnChainsWithoutSegwitAreNonstandard(String chain) {
    assertNonstandard(classify(chain, "0014" + HASH));
    assertNonstandard(classify(chain, "0020" + HASH32));
    assertNonstandard(classify(chain, "5120" + HASH32));
    assertNonstandard(classify(chain, "6002751e"));
  }

  @Test
  void emptyAndArbitraryScriptsAreNonstandard() {
    assertNonstandard(classify("btc", ""));
    assertNonstandard(classify("btc", "51")); // OP_TRUE, anyone can spend
    assertNonstandard(classify("btc", "76a988ac"));
    assertThat(classify("btc", "").unspendable()).isFalse();
  }

  @Test
  void sqlNamesRoundTrip() {
    for (ScriptType t : ScriptType.values()) {
      assertThat(ScriptType.fromSqlName(t.sqlName())).isEqualTo(t);
    }
    assertThat(List.of(ScriptType.values()).stream().map(ScriptType::sqlName))
        .containsExactly(
            "p2pk", "p2pkh", "p2sh", "p2wpkh", "p2wsh", "p2tr", "witness_unknown", "multisig", "op_return",
            "nonstandard");
  }

  private static OutputScript classify(String chain, String hex) {
    ChainProfile profile = ChainProfiles.load(chain);
    AddressEncoder encoder = new AddressEncoder(profile.network("mainnet"));
    return new ScriptClassifier(encoder, profile.segwit()).classify(HEX.parseHex(hex));
  }

  private static String p2pkh(String keyHex) {
    byte[] key = HEX.parseHex(keyHex);
    return Base58.encodeCheck(0, Hash160.of(key, 0, key.length));
  }

  private static void assertWitnessUnknown(OutputScript s, String address) {
    assertThat(s.type()).isEqualTo(ScriptType.WITNESS_UNKNOWN);
    assertThat(s.address()).isEqualTo(address);
    assertThat(s.addresses()).containsExactly(address);
  }

  private static void assertNonstandard(OutputScript s) {
    assertThat(s.type()).isEqualTo(ScriptType.NONSTANDARD);
    assertThat(s.address()).isNull();
    assertThat(s.addresses()).isEmpty();
    assertThat(s.requiredSignatures()).isNull();
    assertThat(s.data()).isNull();
  }
}
