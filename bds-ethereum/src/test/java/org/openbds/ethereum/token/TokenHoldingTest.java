package org.openbds.ethereum.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openbds.api.Hash32;

/** The holdings a transfer changes, the calls that ask a contract for them, and how their answers are read. */
class TokenHoldingTest {
  private static final String TOKEN = "0x" + "aa".repeat(20);
  private static final String ALICE = "0x" + "a1".repeat(20);
  private static final String BOB = "0x" + "b0".repeat(20);
  private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final Hash32 TX = Hash32.parse("11".repeat(32));

  @Test
  void aTransferChangesItsSenderAndRecipientButNeverTheZeroAddress() {
    assertThat(TokenHolding.changedBy(transfer(TokenStandard.ERC20, ALICE, BOB, Optional.empty())))
        .containsExactly(TokenHolding.erc20(TOKEN, ALICE), TokenHolding.erc20(TOKEN, BOB));
    assertThat(TokenHolding.changedBy(transfer(TokenStandard.ERC20, TokenHolding.ZERO_ADDRESS, BOB, Optional.empty())))
        .containsExactly(TokenHolding.erc20(TOKEN, BOB));
    assertThat(TokenHolding.changedBy(transfer(TokenStandard.ERC20, ALICE, ALICE, Optional.empty())))
        .containsExactly(TokenHolding.erc20(TOKEN, ALICE));
    assertThat(TokenHolding.changedBy(transfer(TokenStandard.ERC1155, ALICE, TokenHolding.ZERO_ADDRESS, Optional.of(MAX))))
        .containsExactly(TokenHolding.erc1155(TOKEN, ALICE, MAX));
    // an ERC-721 id has one owner: the key is the id, whoever sends or receives it
    assertThat(TokenHolding.changedBy(transfer(TokenStandard.ERC721, ALICE, BOB, Optional.of(BigInteger.TEN))))
        .containsExactly(TokenHolding.erc721(TOKEN, BigInteger.TEN));
  }

  @Test
  void keysTellHoldingsApart() {
    assertThat(TokenHolding.erc20(TOKEN, ALICE).key()).isNotEqualTo(TokenHolding.erc20(TOKEN, BOB).key());
    assertThat(TokenHolding.erc1155(TOKEN, ALICE, BigInteger.ONE).key()).isNotEqualTo(TokenHolding.erc1155(TOKEN, ALICE, BigInteger.TWO).key());
    assertThat(TokenHolding.erc721(TOKEN, BigInteger.ONE).key()).isNotEqualTo(TokenHolding.erc1155(TOKEN, ALICE, BigInteger.ONE).key());
    assertThat(TokenHolding.erc20(TOKEN, ALICE).key()).isEqualTo(TokenHolding.erc20(TOKEN, ALICE).key());
  }

  @Test
  void callDataIsTheStandardSelectorWithItsArgumentsInWords() {
    // balanceOf(address) = 0x70a08231, balanceOf(address,uint256) = 0x00fdd58e, ownerOf(uint256) = 0x6352211e
    assertThat(TokenHolding.erc20(TOKEN, ALICE).callData()).isEqualTo("0x70a08231" + "00".repeat(12) + "a1".repeat(20));
    assertThat(TokenHolding.erc1155(TOKEN, BOB, MAX).callData()).isEqualTo("0x00fdd58e" + "00".repeat(12) + "b0".repeat(20) + "f".repeat(64));
    assertThat(TokenHolding.erc721(TOKEN, BigInteger.valueOf(255)).callData()).isEqualTo("0x6352211e" + "0".repeat(62) + "ff");
  }

  @Test
  void answersAreReadAsOneWordOfTheRightKind() {
    TokenHolding erc20 = TokenHolding.erc20(TOKEN, ALICE);
    assertThat(erc20.read("0x" + "f".repeat(64))).contains(new TokenHolding.Held(ALICE, MAX));
    assertThat(erc20.read("0x" + "0".repeat(63) + "7")).contains(new TokenHolding.Held(ALICE, BigInteger.valueOf(7)));
    // not one word: empty, short, long, odd or not hex
    for (String garbage : new String[] {"0x", "0x01", "0x" + "0".repeat(128), "0x" + "0".repeat(63), "0x" + "g".repeat(64), "12"}) {
      assertThat(erc20.read(garbage)).as(garbage).isEmpty();
    }
    TokenHolding erc721 = TokenHolding.erc721(TOKEN, BigInteger.ONE);
    assertThat(erc721.read("0x" + "00".repeat(12) + "b0".repeat(20))).contains(new TokenHolding.Held(BOB, BigInteger.ONE));
    assertThat(erc721.read("0x" + "00".repeat(32))).contains(new TokenHolding.Held(TokenHolding.ZERO_ADDRESS, BigInteger.ZERO));
    // a word with bits above the 20 address bytes is no address: cutting it down would invent an owner
    assertThat(erc721.read("0x" + "01" + "00".repeat(11) + "b0".repeat(20))).isEmpty();
    assertThat(erc721.nobody()).isEqualTo(new TokenHolding.Held(TokenHolding.ZERO_ADDRESS, BigInteger.ZERO));
    assertThat(erc20.nobody()).isEqualTo(new TokenHolding.Held(ALICE, BigInteger.ZERO));
  }

  @Test
  void aStoredRowNamesItsHoldingByTheStandardsTableName() {
    assertThat(TokenHolding.ofStored(TOKEN, "erc20", ALICE, null)).isEqualTo(TokenHolding.erc20(TOKEN, ALICE));
    assertThat(TokenHolding.ofStored(TOKEN, "erc1155", ALICE, "7")).isEqualTo(TokenHolding.erc1155(TOKEN, ALICE, BigInteger.valueOf(7)));
    // an ERC-721 row's holder is the owner then, not part of the key
    assertThat(TokenHolding.ofStored(TOKEN, "erc721", BOB, "7").key()).isEqualTo(TokenHolding.ofStored(TOKEN, "erc721", ALICE, "7").key());
    assertThatThrownBy(() -> TokenHolding.ofStored(TOKEN, "erc777", ALICE, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHoldingHasTheKeyPartsOfItsStandard() {
    assertThatThrownBy(() -> new TokenHolding(TOKEN, TokenStandard.ERC20, Optional.of(ALICE), Optional.of(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenHolding(TOKEN, TokenStandard.ERC721, Optional.of(ALICE), Optional.of(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenHolding(TOKEN, TokenStandard.ERC1155, Optional.empty(), Optional.of(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static TokenTransfer transfer(TokenStandard standard, String from, String to, Optional<BigInteger> id) {
    return new TokenTransfer(TOKEN, standard, Optional.empty(), from, to, BigInteger.ONE, id, TX, 0, 0);
  }
}
