package org.openbds.ethereum.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbds.api.BdsException;

class AbiTest {
  private static final String A = "0x" + "11".repeat(20);
  private static final String B = "0x" + "AB".repeat(20);

  @Test
  void selectorsAndTopicsAreKeccakNotSha3() {
    assertThat(Abi.selector("transfer(address,uint256)")).isEqualTo("a9059cbb");
    assertThat(Abi.eventTopic("Transfer(address,address,uint256)")).isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  }

  @Test
  void ourSelectorsAreSolcs() {
    CompiledContracts compiled = CompiledContracts.load();
    for (String name : compiled.names()) {
      compiled.contract(name).methodIdentifiers().forEach((signature, selector) -> assertThat(Abi.selector(signature)).as(name + "." + signature).isEqualTo(selector));
    }
  }

  @Test
  void staticArguments() {
    String data = Abi.call("transfer(address,uint256)", AbiValue.address(B), AbiValue.uint(DevnetLedger.MAX_UINT256));
    assertThat(data).isEqualTo("0xa9059cbb" + "0".repeat(24) + "ab".repeat(20) + "f".repeat(64));
  }

  @Test
  void dynamicArgumentsGoToTheTailWithOffsets() {
    String data = Abi.call("forward(address[],uint256)", AbiValue.addresses(List.of(A, B)), AbiValue.uint(3));
    assertThat(data)
        .isEqualTo(
            "0x" + Abi.selector("forward(address[],uint256)")
                + word("40") + word("3")
                + word("2") + word(A.substring(2)) + word("ab".repeat(20)));
    String bytes = Abi.call("f(bytes,uint256)", AbiValue.string("abc"), AbiValue.uint(1));
    assertThat(bytes).isEqualTo("0x" + Abi.selector("f(bytes,uint256)") + word("40") + word("1") + word("3") + "616263" + "0".repeat(58));
    String empty = Abi.call("f(bytes)", AbiValue.bytes(new byte[0]));
    assertThat(empty).isEqualTo("0x" + Abi.selector("f(bytes)") + word("20") + word("0"));
  }

  @Test
  void decodesWordsAndRejectsPartialOnes() {
    assertThat(Abi.uint("balanceOf", "0x" + word("ff"))).isEqualTo(BigInteger.valueOf(255));
    assertThat(Abi.address(new BigInteger("ab".repeat(20), 16))).isEqualTo("0x" + "ab".repeat(20));
    assertThatThrownBy(() -> Abi.uint("balanceOf", "0x1234")).isInstanceOf(BdsException.class).hasMessageContaining("whole 32-byte words");
    assertThatThrownBy(() -> Abi.uint("balanceOf", "0x")).isInstanceOf(BdsException.class);
    assertThatThrownBy(() -> AbiValue.uint(DevnetLedger.MAX_UINT256.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AbiValue.address("0x1234")).isInstanceOf(BdsException.class);
  }

  private static String word(String hex) {
    return "0".repeat(64 - hex.length()) + hex;
  }
}
