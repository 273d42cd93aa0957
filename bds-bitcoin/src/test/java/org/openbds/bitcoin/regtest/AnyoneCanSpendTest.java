package org.openbds.bitcoin.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.openbds.bitcoin.codec.DoubleSha256;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.profile.NetworkParameters;
import org.openbds.bitcoin.script.AddressEncoder;

/** The anyone-can-spend scripts, checked against what litecoind's {@code decodescript} reports for the same scripts. */
class AnyoneCanSpendTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final NetworkParameters REGTEST = ChainProfiles.load("ltc").network("regtest");

  @Test
  void trueScriptAndItsAddress() {
    // litecoind: decodescript 51 -> segwit.hex and segwit.addresses
    assertThat(HEX.formatHex(AnyoneCanSpend.p2wsh(AnyoneCanSpend.TRUE_SCRIPT, new DoubleSha256())))
        .isEqualTo("00204ae81572f06e1b88fd5ced7a1a000945432e83e1551e6f721ee9c00b8cc33260");
    assertThat(AnyoneCanSpend.trueAddress(REGTEST)).isEqualTo("rltc1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqc6h8ge");
  }

  @Test
  void nonceScriptWrappedBothWays() {
    byte[] script = AnyoneCanSpend.nonceScript(0x0807060504030201L);
    // litecoind: decodescript 0801020304050607087551 -> "0102030405060708 OP_DROP 1"
    assertThat(HEX.formatHex(script)).isEqualTo("0801020304050607087551");
    assertThat(script).hasSize(AnyoneCanSpend.NONCE_SCRIPT_SIZE);
    assertThat(HEX.formatHex(AnyoneCanSpend.p2wsh(script, new DoubleSha256())))
        .isEqualTo("002014c2af452fd9af7bf9d96134c7961f47f9150882fdb04ae2271213f035c70d75");
    byte[] p2sh = AnyoneCanSpend.p2sh(script);
    assertThat(p2sh).hasSize(23);
    assertThat(p2sh[0] & 0xff).isEqualTo(AnyoneCanSpend.OP_HASH160);
    assertThat(p2sh[22] & 0xff).isEqualTo(AnyoneCanSpend.OP_EQUAL);
    assertThat(new AddressEncoder(REGTEST).p2sh(Arrays.copyOfRange(p2sh, 2, 22))).isEqualTo("Qj92V4kRKJRpXbWjwDWhTiNa7us2EnzsYd");
  }

  @Test
  void pushesAndDataOutputs() {
    assertThat(HEX.formatHex(AnyoneCanSpend.push(HEX.parseHex("51")))).isEqualTo("0151");
    assertThat(HEX.formatHex(AnyoneCanSpend.opReturn(HEX.parseHex("cafe")))).isEqualTo("6a02cafe");
    assertThat(AnyoneCanSpend.push(new byte[75])).hasSize(76);
    assertThatThrownBy(() -> AnyoneCanSpend.push(new byte[76])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyNonceGivesAnotherScript() {
    assertThat(AnyoneCanSpend.nonceScript(1)).isNotEqualTo(AnyoneCanSpend.nonceScript(2));
    assertThat(HEX.formatHex(AnyoneCanSpend.nonceScript(-1))).isEqualTo("08ffffffffffffffff7551");
  }
}
