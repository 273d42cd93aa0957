package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenEventTopicsTest {
  @Test
  void keccakOfTheEmptyInputIsTheEmptyCodeHash() {
    // the code hash of every account without code, as nodes report it
    assertThat(Keccak256.hashHex(new byte[0]))
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void keccakIsTheOriginalKeccakNotSha3() {
    // SHA3-256("abc") would be 3a985da7…; Ethereum uses the pre-standard padding
    assertThat(Keccak256.hashHex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  }

  @Test
  void eventTopicsAreTheHashesOfTheirSignatures() {
    assertThat(Keccak256.eventTopic(TokenEventTopics.TRANSFER_SIGNATURE)).isEqualTo(TokenEventTopics.TRANSFER);
    assertThat(Keccak256.eventTopic(TokenEventTopics.TRANSFER_SINGLE_SIGNATURE))
        .isEqualTo(TokenEventTopics.TRANSFER_SINGLE);
    assertThat(Keccak256.eventTopic(TokenEventTopics.TRANSFER_BATCH_SIGNATURE))
        .isEqualTo(TokenEventTopics.TRANSFER_BATCH);
  }

  @Test
  void selectorsAreTheFirstFourBytesOfTheSignatureHash() {
    assertThat(Keccak256.selector("transfer(address,uint256)")).isEqualTo("0xa9059cbb");
    assertThat(Keccak256.selector("balanceOf(address)")).isEqualTo("0x70a08231");
    assertThat(Keccak256.selector("supportsInterface(bytes4)")).isEqualTo("0x01ffc9a7");
  }
}
