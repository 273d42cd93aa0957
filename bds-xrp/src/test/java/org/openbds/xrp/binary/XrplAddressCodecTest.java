package org.openbds.xrp.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.xrp.binary.XrplAmountCodecTest.assertRejected;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class XrplAddressCodecTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  @Test
  void decodesTheGenesisAccount() {
    byte[] id = XrplAddressCodec.decodeAccountId("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", "Account");
    assertThat(HEX.formatHex(id)).isEqualTo("B5F762798A53D543A014CAF8B297CFF8F2F937E8");
  }

  @Test
  void leadingZeroBytesAreTheAlphabetsFirstLetter() {
    byte[] id = XrplAddressCodec.decodeAccountId("rrrrrrrrrrrrrrrrrrrrrhoLvTp", "Account");
    assertThat(id).isEqualTo(new byte[20]);
    assertThat(XrplAddressCodec.encodeAccountId(new byte[20])).isEqualTo("rrrrrrrrrrrrrrrrrrrrrhoLvTp");
  }

  @Test
  void encodingIsTheInverse() {
    byte[] id = HEX.parseHex("B5F762798A53D543A014CAF8B297CFF8F2F937E8");
    assertThat(XrplAddressCodec.encodeAccountId(id)).isEqualTo("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh");
  }

  @Test
  void badChecksumIsRejected() {
    String lastLetterChanged = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi";
    assertRejected(() -> XrplAddressCodec.decodeAccountId(lastLetterChanged, "Destination"), "Destination");
  }

  @Test
  void charactersOutsideTheAlphabetAndWrongLengthsAreRejected() {
    assertRejected(() -> XrplAddressCodec.decodeAccountId("rHb9CJAWyB4rj91VRWn96DkukG4bwdty0h", "Account"), "Account");
    assertRejected(() -> XrplAddressCodec.decodeAccountId("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyThh", "Account"), "Account");
    assertRejected(() -> XrplAddressCodec.decodeAccountId("", "Account"), "Account");
  }
}
